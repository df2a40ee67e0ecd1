using System.Reflection;
using KegAuth.AspNetCore.Permissions;
using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.CommandLine;

/// <summary>
/// The <c>auth</c> commands over the app's context and user: the same services the endpoints use
/// (user creation, the password policy, the lockout log, the permission sync), so a command and a
/// request behave alike.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class KegAuthCommands<TContext, TUser>(IServiceProvider services, KegCommandConsole console) : IKegAuthCommands
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private TContext Db => services.GetRequiredService<TContext>();

    private KegUserStore<TContext, TUser> Users => services.GetRequiredService<KegUserStore<TContext, TUser>>();

    private KegAuthOptions Options => services.GetRequiredService<IOptions<KegAuthOptions>>().Value;

    /// <inheritdoc/>
    public async Task CreateUserAsync(string loginId, bool asSuperuser, bool noMail, CancellationToken cancellationToken)
    {
        var creation = services.GetService<IKegUserCreation<TUser>>()
            ?? throw new KegCommandException("create-user needs AddPasswordReset, which issues the verification link.");
        RequirePlausible(loginId);
        if (await Users.IsLoginIdTakenIgnoringCaseAsync(loginId, cancellationToken).ConfigureAwait(false))
        {
            throw new KegCommandException($"A user with the login id '{loginId}' already exists.");
        }

        var user = Activator.CreateInstance<TUser>();
        typeof(TUser).GetProperty(TUser.LoginIdPropertyName)!.SetValue(user, loginId);
        user.IsSuperuser = asSuperuser;
        KegCreatedUser<TUser> created;
        try
        {
            created = await creation.CreateUserAsync(user, sendMail: !noMail, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            throw new KegCommandException($"A user with the login id '{loginId}' already exists.");
        }

        console.Out.WriteLine($"Created user {user.LoginId}{(asSuperuser ? " (superuser)" : string.Empty)}; {(noMail ? "no mail sent" : "verification mail sent")}.");
        console.Out.WriteLine($"Verification URL: {created.VerificationUrl}");
    }

    /// <inheritdoc/>
    public async Task InstallChangeFeedAsync(bool printOnly, CancellationToken cancellationToken)
    {
        var db = Db;
        var provider = db.Database.ProviderName;
        if (provider == Sessions.KegUserChangeFeeds.SqliteProvider)
        {
            console.Out.WriteLine("SQLite needs no change feed installed: nothing to do.");
            return;
        }

        if (provider != Sessions.KegUserChangeFeeds.PostgresProvider)
        {
            throw new KegCommandException($"The user change feed is for PostgreSQL and SQLite; this app uses '{provider}'.");
        }

        if (printOnly)
        {
            console.Out.WriteLine(KegUserChangeFeed.PostgresInstallSql<TUser>(db));
            return;
        }

        await KegUserChangeFeed.InstallAsync<TUser>(db, cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine($"Installed the trigger keg_auth_user_changes on {Sessions.KegPostgresChangeFeedSql.For<TUser>(db).Table}: each node now caches validated sessions.");
    }

    /// <inheritdoc/>
    public async Task SetPasswordAsync(string loginId, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(loginId, cancellationToken).ConfigureAwait(false);
        var password = console.ReadNewPassword();
        var check = await services.GetRequiredService<IKegPasswordPolicy>().CheckAsync(password, user.LoginId, cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded || password.Length == 0)
        {
            var problems = check.Problems.Count == 0 ? "the password is empty." : string.Join(" ", check.Problems.Select(p => p.Message));
            throw new KegCommandException("The password was refused: " + problems);
        }

        try
        {
            user.SetPassword(password, Options);
        }
        catch (ArgumentException)
        {
            throw new KegCommandException("The password was refused: it cannot be hashed.");
        }

        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine($"Password set for {user.LoginId}.");
    }

    /// <inheritdoc/>
    public async Task PurgeAttemptsAsync(string? username, int? olderThanDays, AttemptType? attemptType, CancellationToken cancellationToken)
    {
        if (olderThanDays < 0)
        {
            throw new KegCommandException("--older-than must not be negative.");
        }

        var attempt = KegModelTypes.Find(Db, KegEntityKind.Attempt)
            ?? throw new KegCommandException($"{typeof(TContext).Name} maps no [KegAttempt] class, so there are no attempts to purge.");
        var olderThan = olderThanDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var purge = typeof(KegAttempts).GetMethod(nameof(KegAttempts.PurgeAsync))!.MakeGenericMethod(attempt);
        var deleted = await KegModelTypes.InvokeAsync<int>(purge, null, Db, username, olderThan, attemptType, cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine($"Deleted {deleted} attempts.");
    }

    /// <inheritdoc/>
    public async Task SyncPermissionsAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var declared = services.GetService<KegDeclaredPermissionSet>()
            ?? throw new KegCommandException("No permissions are declared: call AddDeclaredPermissions(...) on AddKegAuth in Program.cs.");
        var keep = services.GetRequiredService<IOptions<KegDeclaredPermissionOptions>>().Value.KeepUndeclared;
        KegPermissionSyncResult result;
        try
        {
            result = await KegPermissionSync.SyncAsync(Db, declared.Permissions, new KegPermissionSyncOptions { KeepUndeclared = keep, DryRun = dryRun }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            throw new KegCommandException(exception.Message);
        }

        var verb = dryRun ? "Would add" : "Added";
        console.Out.WriteLine($"{verb}: {List(result.Added)}");
        console.Out.WriteLine($"{(dryRun ? "Would update" : "Updated")}: {List(result.Updated)}");
        console.Out.WriteLine($"{(dryRun ? "Would remove" : "Removed")}: {List(result.Removed)}");
    }

    /// <inheritdoc/>
    public async Task SetGrantAsync(string loginId, string token, bool grant, CancellationToken cancellationToken)
    {
        var user = await FindUserAsync(loginId, cancellationToken).ConfigureAwait(false);
        var permission = KegModelTypes.Find(Db, KegEntityKind.Permission)
            ?? throw new KegCommandException($"{typeof(TContext).Name} maps no [KegPermission] class.");
        var method = typeof(KegAuthCommands<TContext, TUser>).GetMethod(nameof(SetGrantCoreAsync), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(permission);
        var changed = await KegModelTypes.InvokeAsync<bool>(method, this, user, token, grant, cancellationToken).ConfigureAwait(false);
        console.Out.WriteLine(grant
            ? (changed ? $"Granted {token} to {user.LoginId}." : $"{user.LoginId} already has {token} directly.")
            : (changed ? $"Revoked {token} from {user.LoginId}." : $"{user.LoginId} does not have {token} directly."));
    }

    private async Task<bool> SetGrantCoreAsync<TPermission>(TUser user, string token, bool grant, CancellationToken cancellationToken)
        where TPermission : class, IKegPermission
    {
        var db = Db;
        var row = await db.Set<TPermission>().FirstOrDefaultAsync(p => p.Token == token, cancellationToken).ConfigureAwait(false)
            ?? throw new KegCommandException($"There is no permission '{token}'.");
        var navigation = db.Model.FindEntityType(typeof(TUser))?.GetSkipNavigations().FirstOrDefault(n => n.TargetEntityType.ClrType == typeof(TPermission))
            ?? throw new KegCommandException($"{typeof(TUser).Name} has no direct permissions in {typeof(TContext).Name}'s model.");
        var entry = db.Entry(user).Collection(navigation.Name);
        await entry.LoadAsync(cancellationToken).ConfigureAwait(false);
        var held = (ICollection<TPermission>)entry.CurrentValue!;
        var changed = grant ? !held.Contains(row) : held.Contains(row);
        if (changed)
        {
            if (grant)
            {
                held.Add(row);
            }
            else
            {
                held.Remove(row);
            }

            // The save resets the user's session key, as any change of rights does.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    private async Task<TUser> FindUserAsync(string loginId, CancellationToken cancellationToken)
    {
        RequirePlausible(loginId);
        var (user, _) = await Users.ResolveLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);
        return user ?? throw new KegCommandException($"There is no user with the login id '{loginId}'.");
    }

    // The same shape the register endpoint accepts; the messages must not echo control characters.
    private static void RequirePlausible(string loginId)
    {
        if (!Accounts.KegNewLoginId.IsAcceptable(loginId))
        {
            throw new KegCommandException("The login id must be non-empty text without surrounding spaces or control characters, at most " + KegAttempts.MaxUserInputLength + " characters.");
        }
    }

    private static string List(IReadOnlyList<string> tokens) => tokens.Count == 0 ? "none" : string.Join(", ", tokens);
}
