using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Tests.Users;

/// <summary>A fresh database (SQLite or PostgreSQL) with the user tables, a fake clock and options at bcrypt cost 4.</summary>
public sealed class UserDatabase : IDisposable
{
    private readonly TestDatabase _database;

    public UserDatabase(TestDatabase database)
    {
        _database = database;
        Options = TestClock.Options(Clock);
        Options.PasswordWorkFactor = 4;
        using var context = _database.CreateSchema<UserTestContext>(Options);
    }

    /// <summary>The database underneath, for provider-specific checks.</summary>
    public TestDatabase Database => _database;

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public KegAuthOptions Options { get; }

    /// <summary>A new context: each one starts with an empty change tracker, so reads come from the database.</summary>
    public UserTestContext NewContext() => _database.CreateContext<UserTestContext>(Options);

    /// <summary>Saves <paramref name="entity"/> in its own context.</summary>
    public T Save<T>(T entity)
        where T : class
    {
        using var context = NewContext();
        context.Add(entity);
        context.SaveChanges();
        return entity;
    }

    public void Dispose() => _database.Dispose();
}
