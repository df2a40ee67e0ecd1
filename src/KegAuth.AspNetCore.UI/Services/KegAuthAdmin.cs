using System.Security.Claims;
using KegAuth.AspNetCore.Accounts;
using KegAuth.AspNetCore.CommandLine;
using KegAuth.AspNetCore.Permissions;
using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// The admin over the app's context and user. Users are created by <see cref="IKegUserCreation{TUser}"/>
/// and re-sent their verification by <see cref="IKegPasswordReset{TUser}"/>, as the endpoints and the
/// command line do; the other classes are the ones the runtime's registry finds in the model.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class KegAuthAdmin<TContext, TUser>(
    TContext db,
    KegUserStore<TContext, TUser> users,
    IKegUserCreation<TUser> creation,
    IKegPasswordReset<TUser> reset,
    KegDeclaredPermissionSet? declared = null) : IKegAuthAdmin
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private static readonly KegEntityKind[] UserAssignments = [KegEntityKind.Permission, KegEntityKind.Bundle, KegEntityKind.Group];

    private readonly Dictionary<KegEntityKind, IKegAdminCatalog?> _catalogs = [];

    private IReadOnlySet<string> Declared { get; } = declared?.Permissions.Select(p => p.Token).ToHashSet(StringComparer.Ordinal) ?? [];

    public bool Maps(KegEntityKind kind) => Catalog(kind) is not null;

    public async Task<bool> IsSuperuserAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
        => (await users.GetAsync(actor, cancellationToken).ConfigureAwait(false))?.IsSuperuser == true;

    public async Task<KegAdminUser?> FindUserAsync(string? key, CancellationToken cancellationToken)
    {
        var user = await FindUserEntityAsync(key, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var choices = await ChoicesAsync(user, UserAssignments, cancellationToken).ConfigureAwait(false);
        return new KegAdminUser(users.GetKey(user), user.LoginId, user.IsEnabled, user.IsSuperuser, user.DisabledUtc,
            (user as IKegUserEmail)?.IsVerified, user.LastLoginUtc, choices);
    }

    public async Task<KegAdminResult> CreateUserAsync(ClaimsPrincipal actor, string? loginId, bool isSuperuser, bool sendMail, CancellationToken cancellationToken)
    {
        if (!KegNewLoginId.IsAcceptable(loginId))
        {
            return new(KegAdminOutcome.Invalid, Message: LoginIdProblem);
        }

        if (isSuperuser && !await IsSuperuserAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return new(KegAdminOutcome.Forbidden, Message: "Only a superuser can make a superuser.");
        }

        if (await users.IsLoginIdTakenIgnoringCaseAsync(loginId, cancellationToken).ConfigureAwait(false))
        {
            return new(KegAdminOutcome.Taken, Message: "A user with this login id exists.");
        }

        var user = Activator.CreateInstance<TUser>();
        SetLoginId(user, loginId);
        user.IsSuperuser = isSuperuser;
        try
        {
            var created = await creation.CreateUserAsync(user, sendMail, cancellationToken).ConfigureAwait(false);
            return new(KegAdminOutcome.Done, created.UserKey);
        }
        catch (DbUpdateException)
        {
            // Another request took the login id between the check and the save.
            db.Entry(user).State = EntityState.Detached;
            return new(KegAdminOutcome.Taken, Message: "A user with this login id exists.");
        }
    }

    public async Task<KegAdminResult> UpdateUserAsync(ClaimsPrincipal actor, string? key, KegAdminUserChange change, CancellationToken cancellationToken)
    {
        var user = await FindUserEntityAsync(key, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (!KegNewLoginId.IsAcceptable(change.LoginId))
        {
            return new(KegAdminOutcome.Invalid, Message: LoginIdProblem);
        }

        // A superuser's login id decides where its reset mail goes: an admin without superuser rights who
        // could change it (or disable the account) could take the superuser over. So a superuser is
        // changed only by a superuser, as the flag itself is.
        if ((change.IsSuperuser != user.IsSuperuser || user.IsSuperuser) && !await IsSuperuserAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return new(KegAdminOutcome.Forbidden, Message: user.IsSuperuser ? "Only a superuser can change a superuser." : "Only a superuser can change this.");
        }

        if (!string.Equals(change.LoginId, user.LoginId, StringComparison.OrdinalIgnoreCase)
            && await users.IsLoginIdTakenIgnoringCaseAsync(change.LoginId, cancellationToken).ConfigureAwait(false))
        {
            return new(KegAdminOutcome.Taken, Message: "A user with this login id exists.");
        }

        SetLoginId(user, change.LoginId);
        user.IsEnabled = change.IsEnabled;
        user.IsSuperuser = change.IsSuperuser;
        user.DisabledUtc = change.DisabledUtc;
        await AssignAsync(typeof(TUser), user, UserAssignments, change.Assignments, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(users.GetKey(user), "A user with this login id exists.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<KegAdminResult> ResendVerificationAsync(string? key, string? sourceIp, CancellationToken cancellationToken)
    {
        var user = await FindUserEntityAsync(key, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (user is not IKegUserEmail { IsVerified: false } || !user.IsEnabled)
        {
            return new(KegAdminOutcome.Invalid, key, "Only an enabled user whose email is not verified gets a verification mail.");
        }

        var status = await reset.ResendVerificationAsync(user.LoginId, sourceIp, cancellationToken).ConfigureAwait(false);
        return status == KegForgotPasswordStatus.LockedOut
            ? new(KegAdminOutcome.Invalid, key, "Too many mails for this account. Try again later.")
            : new(KegAdminOutcome.Done, key);
    }

    public async Task<KegAdminResult> DeleteUserAsync(ClaimsPrincipal actor, string? key, CancellationToken cancellationToken)
    {
        var user = await FindUserEntityAsync(key, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (await users.GetAsync(actor, cancellationToken).ConfigureAwait(false) is { } self && users.GetKey(self) == users.GetKey(user))
        {
            // An admin who deletes themselves locks the door from outside; ask another admin.
            return new(KegAdminOutcome.Forbidden, key, "You cannot delete your own account here.");
        }

        if (user.IsSuperuser && !await IsSuperuserAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return new(KegAdminOutcome.Forbidden, key, "Only a superuser can delete a superuser.");
        }

        db.Remove(user);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(KegAdminOutcome.Done, key);
    }

    public Task<KegAdminListPage> ListAsync(KegEntityKind kind, string? search, string? after, int pageSize, CancellationToken cancellationToken)
        => Catalog(kind) is { } catalog
            ? catalog.ListAsync(search, after, pageSize, Declared, cancellationToken)
            : Task.FromResult(new KegAdminListPage([], null));

    public async Task<KegAdminItem?> FindAsync(KegEntityKind kind, string? key, CancellationToken cancellationToken)
    {
        if (Catalog(kind) is not { } catalog || await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } entity)
        {
            return null;
        }

        var name = KegAdminNames.NameOf(entity);
        var choices = await ChoicesAsync(entity, AssignableTo(kind), cancellationToken).ConfigureAwait(false);
        return new KegAdminItem(catalog.KeyOf(entity), name, (entity as IKegPermission)?.Description, IsDeclared(kind, name), choices);
    }

    public async Task<KegAdminResult> CreateAsync(KegEntityKind kind, string? name, string? description, CancellationToken cancellationToken)
    {
        if (Catalog(kind) is not { } catalog)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (await CheckNameAsync(kind, catalog, name, null, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var entity = catalog.Add(name!, Blank(description));
        var result = await SaveAsync(null, $"A {KegAdminNames.Noun(kind)} with this name exists.", cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            db.Entry(entity).State = EntityState.Detached;
            return result;
        }

        return result with { Key = catalog.KeyOf(entity) };
    }

    public async Task<KegAdminResult> UpdateAsync(KegEntityKind kind, string? key, string? name, string? description, IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>> assignments, CancellationToken cancellationToken)
    {
        if (Catalog(kind) is not { } catalog || await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } entity)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (IsDeclared(kind, KegAdminNames.NameOf(entity)))
        {
            return new(KegAdminOutcome.ReadOnly, key, DeclaredMessage);
        }

        if (await CheckNameAsync(kind, catalog, name, entity, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused with { Key = key };
        }

        KegAdminNames.SetName(entity, name!);
        if (entity is IKegPermission permission)
        {
            permission.Description = Blank(description);
        }

        await AssignAsync(entity.GetType(), entity, AssignableTo(kind), assignments, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(key, $"A {KegAdminNames.Noun(kind)} with this name exists.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<KegAdminResult> DeleteAsync(KegEntityKind kind, string? key, CancellationToken cancellationToken)
    {
        if (Catalog(kind) is not { } catalog || await catalog.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } entity)
        {
            return new(KegAdminOutcome.NotFound);
        }

        if (IsDeclared(kind, KegAdminNames.NameOf(entity)))
        {
            return new(KegAdminOutcome.ReadOnly, key, DeclaredMessage);
        }

        // Through the context, not ExecuteDelete: the save rules read a group's or bundle's users before its rows go.
        db.Remove(entity);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(KegAdminOutcome.Done, key);
    }

    private const string LoginIdProblem = "Enter a login id without spaces at the start or end and without control characters.";

    private const string DeclaredMessage = "This permission is declared in the application's code; change it there.";

    private static KegEntityKind[] AssignableTo(KegEntityKind kind) => kind switch
    {
        KegEntityKind.Group => [KegEntityKind.Permission, KegEntityKind.Bundle],
        KegEntityKind.Bundle => [KegEntityKind.Permission],
        _ => [],
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private bool IsDeclared(KegEntityKind kind, string name) => kind == KegEntityKind.Permission && Declared.Contains(name);

    private IKegAdminCatalog? Catalog(KegEntityKind kind)
    {
        if (!_catalogs.TryGetValue(kind, out var catalog))
        {
            var type = KegModelTypes.Find(db, kind);
            catalog = type is null ? null : (IKegAdminCatalog)Activator.CreateInstance(typeof(KegAdminCatalog<>).MakeGenericType(type), db)!;
            _catalogs[kind] = catalog;
        }

        return catalog;
    }

    private async Task<KegAdminResult?> CheckNameAsync(KegEntityKind kind, IKegAdminCatalog catalog, string? name, object? except, CancellationToken cancellationToken)
    {
        if (KegAdminNames.Problem(name) is { } problem)
        {
            return new(KegAdminOutcome.Invalid, Message: problem);
        }

        if (IsDeclared(kind, name!))
        {
            // The start-up sync owns declared tokens; a copy made here would be overwritten or deleted by it.
            return new(KegAdminOutcome.ReadOnly, Message: DeclaredMessage);
        }

        return await catalog.IsNameTakenAsync(name!, except, cancellationToken).ConfigureAwait(false)
            ? new(KegAdminOutcome.Taken, Message: $"A {KegAdminNames.Noun(kind)} with this name exists.")
            : null;
    }

    private async Task<IReadOnlyList<KegAdminChoices>> ChoicesAsync(object owner, KegEntityKind[] kinds, CancellationToken cancellationToken)
    {
        var choices = new List<KegAdminChoices>();
        foreach (var kind in kinds)
        {
            if (Catalog(kind) is { } target && KegAdminAssignments.Navigation(db, owner.GetType(), KegModelTypes.Find(db, kind)!) is { } navigation)
            {
                var held = await KegAdminAssignments.HeldAsync(db, owner, navigation, target, cancellationToken).ConfigureAwait(false);
                choices.Add(new KegAdminChoices(kind, await target.OptionsAsync(cancellationToken).ConfigureAwait(false), held));
            }
        }

        return choices;
    }

    private async Task AssignAsync(Type ownerType, object owner, KegEntityKind[] kinds, IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>> wanted, CancellationToken cancellationToken)
    {
        foreach (var kind in kinds)
        {
            // A kind the form did not show is left as it is.
            if (wanted.TryGetValue(kind, out var keys) && Catalog(kind) is { } target
                && KegAdminAssignments.Navigation(db, ownerType, KegModelTypes.Find(db, kind)!) is { } navigation)
            {
                await KegAdminAssignments.SetAsync(db, owner, navigation, target, keys, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<KegAdminResult> SaveAsync(string? key, string takenMessage, CancellationToken cancellationToken)
    {
        try
        {
            // The interceptor resets the session keys of every user whose rights this save changes.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new(KegAdminOutcome.Done, key);
        }
        catch (DbUpdateException)
        {
            // A unique name taken by a concurrent request between the check and the save.
            return new(KegAdminOutcome.Taken, key, takenMessage);
        }
    }

    private async Task<TUser?> FindUserEntityAsync(string? key, CancellationToken cancellationToken)
        => string.IsNullOrEmpty(key) ? null : await users.FindByKeyAsync(key, cancellationToken).ConfigureAwait(false);

    private static void SetLoginId(TUser user, string loginId)
        => typeof(TUser).GetProperty(TUser.LoginIdPropertyName)!.SetValue(user, loginId);
}
