using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>
/// A real, empty database for one test, on some provider. Subclasses set up the provider; the
/// contexts they build always call UseKegAuth after it, as users must.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>Adds the provider (UseSqlite, UseNpgsql, ...) for this database to <paramref name="builder"/>.</summary>
    public abstract DbContextOptionsBuilder<TContext> UseProvider<TContext>(DbContextOptionsBuilder<TContext> builder)
        where TContext : DbContext;

    /// <summary>An open ADO.NET connection to the database, for plain SQL beside EF.</summary>
    public abstract DbConnection OpenConnection();

    /// <summary>Registers the provider's EF services, as its UseXxx extension does when EF builds its service provider.</summary>
    public abstract IServiceCollection AddProviderServices(IServiceCollection services);

    /// <summary>Options for <typeparamref name="TContext"/> on this database with KegAuth on.</summary>
    public DbContextOptions<TContext> Options<TContext>(KegAuthOptions kegAuth)
        where TContext : DbContext
        => UseProvider(new DbContextOptionsBuilder<TContext>()).UseKegAuth(kegAuth).Options;

    /// <summary>A new context; the type needs a constructor taking <see cref="DbContextOptions{TContext}"/>.</summary>
    public TContext CreateContext<TContext>(KegAuthOptions kegAuth)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), Options<TContext>(kegAuth))!;

    /// <summary>Creates the schema of <typeparamref name="TContext"/> and returns a context on it.</summary>
    public TContext CreateSchema<TContext>(KegAuthOptions kegAuth)
        where TContext : DbContext
    {
        var context = CreateContext<TContext>(kegAuth);
        context.Database.EnsureCreated();
        return context;
    }

    /// <summary>Asserts that <paramref name="exception"/> carries this provider's own unique-constraint error.</summary>
    public abstract void AssertUniqueViolation(DbUpdateException exception);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Drops the database.</summary>
    protected abstract void Dispose(bool disposing);
}
