using KegAuth.Tests.Attempts;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using KegAuth.Tests.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Xunit;

namespace KegAuth.Tests.FailCleanly;

/// <summary>
/// A value longer than its column is refused by SaveChanges before any SQL runs, naming entity,
/// property and limit but not the value: the same on SQLite (which would store it) and PostgreSQL
/// (which would fail naming neither).
/// </summary>
public abstract class ColumnLengthTests : IDisposable
{
    private readonly TestDatabase _database;
    private readonly KegDatabase<UserTestContext> _users;

    protected ColumnLengthTests(TestDatabase database)
    {
        _database = database;
        _users = new KegDatabase<UserTestContext>(database);
    }

    public void Dispose() => _users.Dispose();

    [Fact]
    public void A_username_over_512_is_refused_naming_entity_property_and_limit()
    {
        var name = "secret-looking-" + new string('x', 513 - 15);
        using var context = _users.NewContext();
        context.Users.Add(new EfUser { Username = name });

        var error = Assert.Throws<KegAuthValueTooLongException>(() => context.SaveChanges());

        Assert.Equal(("Username", 512, 513), (error.PropertyName, error.MaxLength, error.Length));
        Assert.Contains("EfUser.Username", error.Message, StringComparison.Ordinal);
        Assert.Contains("512", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-looking", error.Message, StringComparison.Ordinal);
        using var check = _users.NewContext();
        Assert.Equal(0, check.Users.Count());
    }

    [Fact]
    public async Task A_username_of_exactly_512_is_saved()
    {
        await using var context = _users.NewContext();
        context.Users.Add(new EfUser { Username = new string('y', 512) });
        await context.SaveChangesAsync();
        await using var check = _users.NewContext();
        Assert.Equal(512, check.Users.Single().Username.Length);
    }

    [Fact]
    public async Task A_modified_value_is_checked_too_asynchronously()
    {
        var user = _users.Save(new EfUser { Username = "short" });
        await using var context = _users.NewContext();
        var loaded = await context.Users.SingleAsync(u => u.Id == user.Id);
        loaded.Username = new string('z', 600);

        var error = await Assert.ThrowsAsync<KegAuthValueTooLongException>(() => context.SaveChangesAsync());

        Assert.Equal("Username", error.PropertyName);
    }

    [Fact]
    public async Task An_application_entity_is_not_kegauths_business_its_value_reaches_the_provider()
    {
        await using var context = _database.CreateContext<AppNotesContext>(TestClock.Options(TestClock.Create()));
        await context.Database.ExecuteSqlRawAsync("CREATE TABLE \"Notes\" (\"Id\" integer PRIMARY KEY, \"Text\" varchar(10) NOT NULL)");
        context.Notes.Add(new AppNote { Id = 1, Text = new string('n', 11) });

        if (_database is SqliteTestDatabase)
        {
            // SQLite stores it as it stores any over-long text: the application's call, not KegAuth's.
            await context.SaveChangesAsync();
            await using var check = _database.CreateContext<AppNotesContext>(TestClock.Options(TestClock.Create()));
            Assert.Equal(11, check.Notes.Single().Text.Length);
        }
        else
        {
            // PostgreSQL refuses it with its own error (string_data_right_truncation), not KegAuth's.
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
            Assert.Equal("22001", Assert.IsType<Npgsql.PostgresException>(error.InnerException).SqlState);
        }
    }

    [Fact]
    public void A_kegauth_entity_saved_beside_an_application_entity_is_still_checked()
    {
        using var context = _database.CreateContext<AppNotesContext>(TestClock.Options(TestClock.Create()));
        context.Notes.Add(new AppNote { Id = 1, Text = "short" });
        context.Users.Add(new EfUser { Username = new string('u', 513) });

        var error = Assert.Throws<KegAuthValueTooLongException>(() => context.SaveChanges());

        Assert.Equal(("Username", 512, 513), (error.PropertyName, error.MaxLength, error.Length));
    }

    [Fact]
    public async Task An_attempt_from_a_source_ip_over_50_is_stored_cut_to_the_column()
    {
        var options = TestClock.Options(TestClock.Create());
        await using var context = _database.CreateContext<AttemptContext>(options);

        // The user tables already exist in this database, so EnsureCreated would do nothing.
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();

        // A sign-in must not fail on an odd address (an IPv6 scope id, say): the address is cut, not refused.
        var log = await KegAttempts.LogAttemptAsync<Attempt>(context, "alice", AttemptType.Login, success: false, sourceIp: new string('1', 51));

        Assert.Equal(new string('1', 50), log.Attempt.SourceIp);
        Assert.Equal(new string('1', 50), context.Attempts.AsNoTracking().Single().SourceIp);
    }
}

/// <summary><see cref="ColumnLengthTests"/> on SQLite.</summary>
public sealed class ColumnLengthTestsOnSqlite() : ColumnLengthTests(new SqliteTestDatabase());

/// <summary><see cref="ColumnLengthTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ColumnLengthTestsOnPostgres(PostgresFixture postgres) : ColumnLengthTests(postgres.NewDatabase());
