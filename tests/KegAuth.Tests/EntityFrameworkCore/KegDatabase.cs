using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A fresh database (SQLite or PostgreSQL) with the schema of <typeparamref name="TContext"/>, a fake
/// clock and options at bcrypt cost 4: the one per-test helper of every feature's DB tests.
/// </summary>
public sealed class KegDatabase<TContext> : IDisposable
    where TContext : DbContext
{
    public KegDatabase(TestDatabase database, Action<KegAuthOptions>? configure = null)
    {
        Database = database;
        Options = TestClock.Options(Clock);
        Options.PasswordWorkFactor = 4;
        configure?.Invoke(Options);
        using var context = database.CreateSchema<TContext>(Options);
    }

    /// <summary>The database underneath, for provider-specific checks.</summary>
    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public KegAuthOptions Options { get; }

    /// <summary>The fake clock's time as a UTC <see cref="DateTime"/>.</summary>
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>A new context: each one starts with an empty change tracker, so reads come from the database.</summary>
    public TContext NewContext() => Database.CreateContext<TContext>(Options);

    /// <summary>Saves <paramref name="entity"/> in its own context.</summary>
    public T Save<T>(T entity)
        where T : class
    {
        using var context = NewContext();
        context.Add(entity);
        context.SaveChanges();
        return entity;
    }

    public void Dispose() => Database.Dispose();
}
