using KegAuth.AspNetCore.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// A request whose context is inside the app's transaction may read an old snapshot (REPEATABLE READ, a
/// SQLite read transaction): the cache must neither serve it nor take what it reads.
/// </summary>
public sealed class SessionCacheInTransactionTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Inside_a_transaction_the_cache_is_not_opened()
    {
        var cache = _app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>();
        cache.UseFeed(new FixedFeed());
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebContext>();

        var outside = cache.Open(db);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var inside = cache.Open(db);

        Assert.NotNull(outside);
        Assert.Null(inside);
    }

    /// <summary>A feed that always vouches with one stamp.</summary>
    private sealed class FixedFeed : IKegUserChangeFeed
    {
        public string Name => "fixed";

        public long? Stamp() => 1;

        public void Dispose()
        {
        }
    }
}
