namespace KegAuth.AspNetCore.UI.Services;

/// <summary>The app's permission, bundle or group class, without its type (Razor Pages cannot be generic).</summary>
internal interface IKegAdminCatalog
{
    /// <summary>The kind of the class.</summary>
    KegEntityKind Kind { get; }

    /// <summary>One page ordered by name, after <paramref name="after"/>, whose name starts with <paramref name="search"/>.</summary>
    Task<KegAdminListPage> ListAsync(string? search, string? after, int pageSize, IReadOnlySet<string> declared, CancellationToken cancellationToken);

    /// <summary>Every row, by name, for an assignment list.</summary>
    Task<IReadOnlyList<KegAdminOption>> OptionsAsync(CancellationToken cancellationToken);

    /// <summary>The tracked row with the key <paramref name="key"/>; null when none (or the key does not parse).</summary>
    Task<object?> FindAsync(string? key, CancellationToken cancellationToken);

    /// <summary>Whether another row than <paramref name="except"/> has the name <paramref name="name"/>.</summary>
    Task<bool> IsNameTakenAsync(string name, object? except, CancellationToken cancellationToken);

    /// <summary>Adds a new row (saved by the caller).</summary>
    object Add(string name, string? description);

    /// <summary>The row's key as invariant text.</summary>
    string KeyOf(object entity);
}
