using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.ApiTokens;

/// <summary>The token users, mapped by KegAuth alone.</summary>
public sealed class ApiTokenContext(DbContextOptions<ApiTokenContext> options) : DbContext(options)
{
    public DbSet<TokenUser> Users => Set<TokenUser>();

    public DbSet<TokenEmailUser> EmailUsers => Set<TokenEmailUser>();
}

/// <summary>A fresh SQLite file with the token-user tables and options at bcrypt cost 4.</summary>
public sealed class ApiTokenDatabase : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public ApiTokenDatabase()
    {
        Options = TestClock.Options(TestClock.Create());
        Options.PasswordWorkFactor = 4;
        using var context = _database.CreateSchema<ApiTokenContext>(Options);
    }

    public KegAuthOptions Options { get; }

    /// <summary>A new context with an empty change tracker, so reads come from the file.</summary>
    public ApiTokenContext NewContext() => _database.CreateContext<ApiTokenContext>(Options);

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
