using KegAuth.AspNetCore.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore;

/// <summary>
/// Installs what the node-local session cache (<see cref="KegSessionCacheOptions"/>) needs to hear of
/// user changes on PostgreSQL: a statement-level trigger, <c>keg_auth_user_changes</c>, that runs
/// <c>pg_notify('keg_auth_user_changes', '')</c> after an UPDATE of any mapped user column but the last
/// sign-in time (which every sign-in writes and nothing cached reads), a DELETE or a TRUNCATE of the user
/// table, from any client (Python keg-auth, raw SQL, another node). The trigger's comment names the
/// columns; after a migration that adds user columns, install it again (until then the cache is off). Opt-in: until the trigger exists a
/// PostgreSQL app reads the database on every authenticated request, as before. With it, a change
/// made on another node takes effect here once its notification arrives (milliseconds) rather than
/// strictly at the next request; a lost feed turns the cache off within twice
/// <see cref="KegSessionCacheOptions.FeedHeartbeat"/>. SQLite needs nothing installed.
/// </summary>
public static class KegUserChangeFeed
{
    /// <summary>
    /// The SQL that installs (or reinstalls) the PostgreSQL trigger on <typeparamref name="TUser"/>'s
    /// table as <paramref name="db"/>'s model maps it (schema and name quoted), for a migration's
    /// <c>migrationBuilder.Sql(...)</c>. Safe to run again.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="db">A context of the app, for its model; nothing is run.</param>
    /// <exception cref="InvalidOperationException">The model maps <typeparamref name="TUser"/> to no table.</exception>
    public static string PostgresInstallSql<TUser>(DbContext db)
        where TUser : class, IKegUser<TUser>
    {
        ArgumentNullException.ThrowIfNull(db);
        return KegPostgresChangeFeedSql.For<TUser>(db).Install();
    }

    /// <summary>
    /// Installs the change feed's trigger in <paramref name="db"/>'s database, in one transaction; safe to
    /// run again (the function is replaced, the trigger dropped and created). On SQLite it does nothing:
    /// that feed needs no schema.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="db">A context of the app on the database to install into.</param>
    /// <param name="cancellationToken">Cancels the installation (then nothing is changed).</param>
    /// <exception cref="NotSupportedException">The database is neither PostgreSQL nor SQLite.</exception>
    /// <exception cref="InvalidOperationException">The model maps <typeparamref name="TUser"/> to no table, or a transaction is already open on the context.</exception>
    public static async Task InstallAsync<TUser>(DbContext db, CancellationToken cancellationToken = default)
        where TUser : class, IKegUser<TUser>
    {
        ArgumentNullException.ThrowIfNull(db);
        var provider = db.Database.ProviderName;
        if (provider == KegUserChangeFeeds.SqliteProvider)
        {
            return;
        }

        if (provider != KegUserChangeFeeds.PostgresProvider)
        {
            throw new NotSupportedException($"KegAuth's user change feed is for PostgreSQL and SQLite; this context uses '{provider}'.");
        }

        var sql = KegPostgresChangeFeedSql.For<TUser>(db).Install();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
