using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Permissions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Concurrency;

/// <summary>
/// Rights changed at the same time from several contexts (group membership, bundle permissions,
/// user flags, direct grants): afterwards every user whose rights changed has a new session key, and
/// a user nobody touched keeps the old one.
/// </summary>
public abstract class SessionKeyConcurrencyTests(TestDatabase database) : IDisposable
{
    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Concurrent_rights_changes_reset_every_affected_session_key()
    {
        var options = TestClock.Options(TestClock.Create());
        options.PasswordWorkFactor = 4;
        Dictionary<string, string> before;
        await using (var seed = database.CreateSchema<PermissionContext>(options))
        {
            var permissions = Enumerable.Range(0, 4).Select(i => new Permission { Token = "p" + i }).ToList();
            var users = Enumerable.Range(0, 12).Select(i => new PermUser { Username = "u" + i }).ToList();
            var bundle = new Bundle { Name = "b1" };
            var group = new Group { Name = "g1", Bundles = { bundle } };
            group.Users.Add(users[4]);
            group.Users.Add(users[5]);
            seed.AddRange(permissions);
            seed.AddRange(users);
            seed.Add(new Group { Name = "g0" });
            seed.Add(group);
            await seed.SaveChangesAsync();
            before = await seed.Users.ToDictionaryAsync(u => u.Username, u => u.SessionKey);
        }

        using var start = new Barrier(4);
        await Task.WhenAll(
            Edit(start, async db =>
            {
                // Group membership: u6 and u7 join g0.
                var g0 = await db.Groups.Include(g => g.Users).SingleAsync(g => g.Name == "g0");
                g0.Users.Add(await db.Users.SingleAsync(u => u.Username == "u6"));
                g0.Users.Add(await db.Users.SingleAsync(u => u.Username == "u7"));
            }),
            Edit(start, async db =>
            {
                // Bundle permissions: b1 reaches u4 and u5 through g1.
                var b1 = await db.Bundles.Include(b => b.Permissions).SingleAsync(b => b.Name == "b1");
                b1.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "p1"));
            }),
            Edit(start, async db =>
            {
                // User flags.
                (await db.Users.SingleAsync(u => u.Username == "u8")).IsSuperuser = true;
                (await db.Users.SingleAsync(u => u.Username == "u9")).IsEnabled = false;
            }),
            Edit(start, async db =>
            {
                // A direct grant.
                var u10 = await db.Users.Include(u => u.Permissions).SingleAsync(u => u.Username == "u10");
                u10.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "p2"));
            }));

        await using var check = database.CreateContext<PermissionContext>(options);
        var after = await check.Users.ToDictionaryAsync(u => u.Username, u => u.SessionKey);
        foreach (var changed in new[] { "u4", "u5", "u6", "u7", "u8", "u9", "u10" })
        {
            Assert.True(before[changed] != after[changed], $"{changed}'s rights changed but its session key did not");
        }

        foreach (var untouched in new[] { "u1", "u11" })
        {
            Assert.Equal(before[untouched], after[untouched]);
        }

        async Task Edit(Barrier barrier, Func<PermissionContext, Task> change)
        {
            await Task.Yield();
            await using var db = database.CreateContext<PermissionContext>(options);
            await change(db);
            barrier.SignalAndWait(TimeSpan.FromSeconds(30));
            await db.SaveChangesAsync();
        }
    }
}

/// <summary><see cref="SessionKeyConcurrencyTests"/> on SQLite (one writer at a time; the busy timeout queues the rest).</summary>
public sealed class SessionKeyConcurrencyTestsOnSqlite() : SessionKeyConcurrencyTests(new SqliteTestDatabase());

/// <summary><see cref="SessionKeyConcurrencyTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionKeyConcurrencyTestsOnPostgres(PostgresFixture postgres) : SessionKeyConcurrencyTests(postgres.NewDatabase());
