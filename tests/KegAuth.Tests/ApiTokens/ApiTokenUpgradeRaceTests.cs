using System.Data.Common;
using KegAuth.Infrastructure;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>
/// Issue 13 item 8: the bcrypt-to-fast upgrade of an API-token hash must not undo a revocation or
/// rotation saved between reading the user and writing the upgrade. The race is made deterministic
/// by rotating the token from a second context just before the upgrade's UPDATE runs.
/// </summary>
public abstract class ApiTokenUpgradeRaceTests(TestDatabase database) : IDisposable
{
    private const string Raw = "legacyRawTokenFromPythonKegAuth1";

    private readonly KegDatabase<ApiTokenContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_rotation_saved_while_a_legacy_token_is_checked_wins_over_the_upgrade()
    {
        var user = _db.Save(new TokenUser { Username = "ada", Token = PasswordHash.Create(Raw, 4) });
        var oldApiToken = KegApiTokens.Format("ada", Raw);
        string? newApiToken = null;
        var rotateFirst = new BeforeUpdate(() => newApiToken = Rotate(user.Id));

        using (var context = ContextWith(rotateFirst))
        {
            var found = await TokenUser.GetUserForApiTokenAsync(context.Users, oldApiToken);
            Assert.Equal(user.Id, found?.Id);

            // What callers were told to do; with the fix there is nothing left to save.
            await context.SaveChangesAsync();
        }

        Assert.NotNull(newApiToken);
        using var check = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(check.Users, oldApiToken));
        Assert.Equal(user.Id, (await TokenUser.GetUserForApiTokenAsync(check.Users, newApiToken))?.Id);
    }

    [Fact]
    public async Task A_revocation_saved_while_a_legacy_token_is_checked_stays_revoked()
    {
        var user = _db.Save(new TokenEmailUser { Email = "ada@example.com", Token = PasswordHash.Create(Raw, 4) });
        var apiToken = KegApiTokens.Format("ada@example.com", Raw);
        var revokeFirst = new BeforeUpdate(() =>
        {
            using var other = _db.NewContext();
            other.EmailUsers.Single(u => u.Id == user.Id).Token = null;
            other.SaveChanges();
        });

        using (var context = ContextWith(revokeFirst))
        {
            await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, apiToken);
            await context.SaveChangesAsync();
        }

        using var check = _db.NewContext();
        Assert.Null(check.EmailUsers.Single(u => u.Id == user.Id).Token);
        Assert.Null(await TokenEmailUser.GetUserForApiTokenAsync(check.EmailUsers, apiToken));
    }

    [Fact]
    public async Task The_upgrade_writes_only_over_the_hash_that_was_verified()
    {
        var user = _db.Save(new TokenUser { Username = "bob", Token = PasswordHash.Create(Raw, 4) });
        using var context = _db.NewContext();
        var read = context.Users.Single(u => u.Id == user.Id);
        var verified = read.Token!;
        var rotated = Rotate(user.Id);

        var written = await KegApiTokens.UpgradeHashAsync(context.Users, read, verified, Raw);

        Assert.False(written);
        using var check = _db.NewContext();
        Assert.Equal(user.Id, (await TokenUser.GetUserForApiTokenAsync(check.Users, rotated))?.Id);
        Assert.False(check.Users.Single(u => u.Id == user.Id).VerifyToken(Raw));
    }

    [Fact]
    public async Task The_upgrade_changes_the_token_column_only_and_keeps_the_session_key()
    {
        var user = _db.Save(new TokenUser { Username = "carol", Token = PasswordHash.Create(Raw, 4) });
        using var context = _db.NewContext();
        var read = await context.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id);

        Assert.True(await KegApiTokens.UpgradeHashAsync(context.Users.Where(u => u.IsEnabled), read, read.Token!, Raw));
        Assert.False(await KegApiTokens.UpgradeHashAsync(context.Users, read, read.Token!, Raw));

        using var check = _db.NewContext();
        var stored = check.Users.Single(u => u.Id == user.Id);
        Assert.True(stored.Token!.IsFastTokenHash);
        Assert.True(stored.VerifyToken(Raw));
        Assert.Equal(user.SessionKey, stored.SessionKey);
    }

    [Fact]
    public async Task A_fast_hash_is_never_rewritten()
    {
        var user = new TokenUser { Username = "dave" };
        var raw = user.ResetAuthToken(_db.Options);
        _db.Save(user);
        using var context = _db.NewContext();
        var read = context.Users.Single(u => u.Id == user.Id);

        Assert.False(await KegApiTokens.UpgradeHashAsync(context.Users, read, read.Token!, raw));
        using var check = _db.NewContext();
        Assert.Equal(user.Token, check.Users.Single(u => u.Id == user.Id).Token);
    }

    /// <summary>Gives the user a new token from another context; returns the new API token.</summary>
    private string Rotate(int userId)
    {
        using var other = _db.NewContext();
        var stored = other.Users.Single(u => u.Id == userId);
        var apiToken = stored.GenerateApiToken(_db.Options);
        other.SaveChanges();
        return apiToken;
    }

    private ApiTokenContext ContextWith(IInterceptor interceptor) =>
        new(_db.Database.UseProvider(new DbContextOptionsBuilder<ApiTokenContext>()).UseKegAuth(_db.Options).AddInterceptors(interceptor).Options);

    /// <summary>Runs an action once, just before the first UPDATE the context sends (reader or non-query).</summary>
    private sealed class BeforeUpdate(Action action) : DbCommandInterceptor
    {
        private int _ran;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            RunOnUpdate(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            RunOnUpdate(command);
            return ValueTask.FromResult(result);
        }

        private void RunOnUpdate(DbCommand command)
        {
            if (command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                && Interlocked.Exchange(ref _ran, 1) == 0)
            {
                action();
            }
        }
    }
}

/// <summary><see cref="ApiTokenUpgradeRaceTests"/> on SQLite.</summary>
public sealed class ApiTokenUpgradeRaceTestsOnSqlite() : ApiTokenUpgradeRaceTests(new SqliteTestDatabase());

/// <summary><see cref="ApiTokenUpgradeRaceTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiTokenUpgradeRaceTestsOnPostgres(PostgresFixture postgres) : ApiTokenUpgradeRaceTests(postgres.NewDatabase());
