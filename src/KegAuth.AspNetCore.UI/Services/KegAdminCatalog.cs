using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// The admin's queries over one permission, bundle or group class. Keyset paging and prefix search on
/// the name, as the user list does: the name is unique and indexed, so each page is a range scan.
/// </summary>
/// <typeparam name="TEntity">The app's class.</typeparam>
internal sealed class KegAdminCatalog<TEntity> : IKegAdminCatalog
    where TEntity : class
{
    private readonly DbContext _db;
    private readonly IProperty _key;
    private readonly string _name;

    /// <summary>Reads the class's key and name column from the context's model.</summary>
    /// <param name="db">The app's context.</param>
    public KegAdminCatalog(DbContext db)
    {
        _db = db;
        Kind = KegAdminNames.KindOf(typeof(TEntity));
        var type = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        _key = type.FindPrimaryKey()?.Properties is [var single] ? single : throw new InvalidOperationException($"{typeof(TEntity).Name} needs a single-column key for the admin pages.");
        _name = Kind == KegEntityKind.Permission ? nameof(IKegPermission.Token) : nameof(IKegGroup.Name);
    }

    public KegEntityKind Kind { get; }

    public async Task<KegAdminListPage> ListAsync(string? search, string? after, int pageSize, IReadOnlySet<string> declared, CancellationToken cancellationToken)
    {
        var name = _name;
        var query = _db.Set<TEntity>().AsNoTracking();
        if (!string.IsNullOrEmpty(search))
        {
            query = KegAdminPrefix.StartingWith(query, name, search);
        }

        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(e => string.Compare(EF.Property<string>(e, name), after) > 0);
        }

        var rows = await query.OrderBy(e => EF.Property<string>(e, name)).Take(pageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var shown = rows.Take(pageSize).Select(e => Row(e, declared)).ToList();
        return new KegAdminListPage(shown, rows.Count > pageSize ? shown[^1].Name : null);
    }

    public async Task<IReadOnlyList<KegAdminOption>> OptionsAsync(CancellationToken cancellationToken)
    {
        var name = _name;
        var rows = await _db.Set<TEntity>().AsNoTracking().OrderBy(e => EF.Property<string>(e, name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(e => new KegAdminOption(KeyOf(e), KegAdminNames.NameOf(e)))];
    }

    public async Task<object?> FindAsync(string? key, CancellationToken cancellationToken)
    {
        var value = ParseKey(key);
        return value is null ? null : await _db.Set<TEntity>().FindAsync([value], cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsNameTakenAsync(string name, object? except, CancellationToken cancellationToken)
    {
        var column = _name;
        var found = await _db.Set<TEntity>().AsNoTracking().Where(e => EF.Property<string>(e, column) == name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Any(e => except is null || KeyOf(e) != KeyOf(except));
    }

    public object Add(string name, string? description)
    {
        var entity = Activator.CreateInstance<TEntity>();
        KegAdminNames.SetName(entity, name);
        if (entity is IKegPermission permission)
        {
            permission.Description = description;
        }

        _db.Set<TEntity>().Add(entity);
        return entity;
    }

    public string KeyOf(object entity)
        => Convert.ToString(_key.GetGetter().GetClrValue(entity), CultureInfo.InvariantCulture) ?? string.Empty;

    private KegAdminRow Row(TEntity entity, IReadOnlySet<string> declared)
    {
        var name = KegAdminNames.NameOf(entity);
        return new KegAdminRow(KeyOf(entity), name, (entity as IKegPermission)?.Description, Kind == KegEntityKind.Permission && declared.Contains(name));
    }

    private object? ParseKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        try
        {
            return TypeDescriptor.GetConverter(_key.ClrType).ConvertFromInvariantString(key);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            // A key that does not parse names no row, as a missing one.
            return null;
        }
    }
}
