using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Attempts;

/// <summary>How an attempt is stored: keg-auth's strings for the type, UTC dates, defaults, the lockout index.</summary>
public abstract class AttemptMappingTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<AttemptContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(AttemptType.Login, "login")]
    [InlineData(AttemptType.Forgot, "forgot")]
    [InlineData(AttemptType.Reset, "reset")]
    public void The_attempt_type_is_stored_as_keg_auths_string(AttemptType type, string stored)
    {
        var attempt = _db.Add("user", type, TimeSpan.Zero);

        using var context = _db.NewContext();
        var raw = context.Database.SqlQuery<string>($"SELECT \"AttemptType\" AS \"Value\" FROM \"Attempts\" WHERE \"Id\" = {attempt.Id}").Single();
        Assert.Equal(stored, raw);
        Assert.Equal(type, context.Attempts.Single().AttemptType);
    }

    [Fact]
    public void A_null_type_stays_null_and_dates_read_back_as_utc()
    {
        _db.Add("user", null, TimeSpan.FromMinutes(1));

        using var context = _db.NewContext();
        var attempt = context.Attempts.Single();
        Assert.Null(attempt.AttemptType);
        Assert.Equal(DateTimeKind.Utc, attempt.DatetimeUtc.Kind);
        Assert.Equal(_db.Now - TimeSpan.FromMinutes(1), attempt.DatetimeUtc);
    }

    [Fact]
    public void Defaults_are_keg_auths()
    {
        var attempt = new Attempt();

        Assert.Equal(string.Empty, attempt.UserInput);
        Assert.True(attempt.Success);
        Assert.False(attempt.IsDuringLockout);
        Assert.Null(attempt.AttemptType);
        Assert.Null(attempt.SourceIp);
        Assert.InRange(attempt.DatetimeUtc, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void The_lockout_count_has_its_indexes_and_the_columns_their_lengths()
    {
        using var context = _db.NewContext();
        var entity = context.Model.FindEntityType(typeof(Attempt))!;

        Assert.Contains(entity.GetIndexes(), i => i.Properties.Select(p => p.Name).SequenceEqual(["UserInput", "DatetimeUtc"]));
        Assert.Contains(entity.GetIndexes(), i => i.Properties.Select(p => p.Name).SequenceEqual(["SourceIp", "DatetimeUtc"]));
        Assert.Equal(512, entity.FindProperty("UserInput")!.GetMaxLength());
        Assert.Equal(50, entity.FindProperty("SourceIp")!.GetMaxLength());
    }
}

/// <summary><see cref="AttemptMappingTests"/> on SQLite.</summary>
public sealed class AttemptMappingTestsOnSqlite() : AttemptMappingTests(new SqliteTestDatabase());

/// <summary><see cref="AttemptMappingTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AttemptMappingTestsOnPostgres(PostgresFixture postgres) : AttemptMappingTests(postgres.NewDatabase());
