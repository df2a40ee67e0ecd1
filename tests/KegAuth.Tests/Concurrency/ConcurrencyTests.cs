using KegAuth.Tests.Attempts;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using KegAuth.Tests.Users;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Concurrency;

/// <summary>
/// Several contexts at once on one database, bounded loops: purges racing writers lose nothing that
/// should stay and keep nothing that should go; two registrations of one email in two casings
/// give exactly one user and one unique violation.
/// </summary>
public abstract class ConcurrencyTests(TestDatabase database) : IDisposable
{
    private const int Writers = 8;
    private const int AttemptsPerWriter = 15;
    private const int OldRows = 60;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Eight_writers_and_repeated_purges_leave_exactly_the_new_rows()
    {
        var options = TestClock.Options(TestClock.Create());
        var now = options.TimeProvider.GetUtcNow().UtcDateTime;
        await using (var seed = database.CreateSchema<AttemptContext>(options))
        {
            // Old rows are two hours old; the purge takes rows older than one hour; writers log at "now".
            for (var i = 0; i < OldRows; i++)
            {
                seed.Add(new Attempt { UserInput = "old" + i, AttemptType = AttemptType.Login, DatetimeUtc = now.AddHours(-2) });
            }

            await seed.SaveChangesAsync();
        }

        using var writersDone = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < AttemptsPerWriter; i++)
            {
                await using var context = database.CreateContext<AttemptContext>(options);
                await KegAttempts.LogAttemptAsync<Attempt>(context, $"writer{w}-{i}", AttemptType.Login, success: false);
            }
        })).ToArray();
        var purger = Task.Run(async () =>
        {
            var purged = 0;
            for (var round = 0; round < 200 && (round == 0 || !writersDone.IsCancellationRequested); round++)
            {
                await using var context = database.CreateContext<AttemptContext>(options);
                purged += await KegAttempts.PurgeAsync<Attempt>(context, olderThan: TimeSpan.FromHours(1));
            }

            return purged;
        });

        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        var purgedTotal = await purger;

        await using var check = database.CreateContext<AttemptContext>(options);
        var left = await check.Attempts.Select(a => a.UserInput).ToListAsync();
        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, AttemptsPerWriter).Select(i => $"writer{w}-{i}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.Equal(OldRows, purgedTotal);
    }

    [Fact]
    public async Task Two_registrations_of_one_email_in_two_casings_give_one_user_and_one_unique_violation()
    {
        using var users = new KegDatabase<UserTestContext>(database);
        using var start = new Barrier(2);
        var outcomes = await Task.WhenAll(new[] { "Race@Example.com", "race@EXAMPLE.com" }.Select(email => Task.Run(() =>
        {
            using var context = users.NewContext();
            context.EmailUsers.Add(new EfEmailUser { Email = email, IsVerified = true });
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            try
            {
                context.SaveChanges();
                return null;
            }
            catch (DbUpdateException error)
            {
                return error;
            }
        })));

        var failure = Assert.Single(outcomes, o => o is not null);
        users.Database.AssertUniqueViolation(failure!);
        using var check = users.NewContext();
        Assert.Equal("race@example.com", check.EmailUsers.Single().Email);
    }
}

/// <summary><see cref="ConcurrencyTests"/> on SQLite (one writer at a time; the busy timeout queues the rest).</summary>
public sealed class ConcurrencyTestsOnSqlite() : ConcurrencyTests(new SqliteTestDatabase());

/// <summary><see cref="ConcurrencyTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConcurrencyTestsOnPostgres(PostgresFixture postgres) : ConcurrencyTests(postgres.NewDatabase());
