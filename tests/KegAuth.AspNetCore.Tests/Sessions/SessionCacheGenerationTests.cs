using KegAuth.AspNetCore.Sessions;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// One generation of the session cache: it holds at most its size limit of sessions and API tokens
/// together, says when it is full (the next request starts a new one), and a key read twice by racing
/// requests counts once.
/// </summary>
public sealed class SessionCacheGenerationTests
{
    private static readonly WebUser Ada = new() { Email = "ada@example.com" };
    private static readonly WebUser Bob = new() { Email = "bob@example.com" };

    [Fact]
    public void Sessions_and_tokens_share_the_size_limit_and_the_generation_is_full_at_it()
    {
        var generation = new KegSessionCacheGeneration<WebUser>(feedStamp: 7, localStamp: 3, sizeLimit: 2);

        Assert.True(generation.AddSession("session-a", Ada));
        Assert.False(generation.IsFull);
        Assert.True(generation.AddToken("bob@example.com", Bob));
        Assert.True(generation.IsFull);
        Assert.False(generation.AddSession("session-c", Bob));

        Assert.Same(Ada, generation.FindSession("session-a"));
        Assert.Same(Bob, generation.FindToken("bob@example.com"));
        Assert.Null(generation.FindSession("session-c"));
        Assert.Equal((7, 3), (generation.FeedStamp, generation.LocalStamp));
    }

    [Fact]
    public void Sessions_and_tokens_are_kept_apart_and_keys_are_compared_exactly()
    {
        var generation = new KegSessionCacheGeneration<WebUser>(1, 1, sizeLimit: 10);
        generation.AddSession("ada@example.com", Ada);
        generation.AddToken("bob@example.com", Bob);

        Assert.Null(generation.FindToken("ada@example.com"));
        Assert.Null(generation.FindSession("bob@example.com"));
        Assert.Null(generation.FindToken("BOB@example.com"));
    }

    [Fact]
    public void A_key_added_twice_counts_once_and_keeps_the_first_read()
    {
        var generation = new KegSessionCacheGeneration<WebUser>(1, 1, sizeLimit: 2);

        Assert.True(generation.AddSession("session-a", Ada));
        Assert.True(generation.AddSession("session-a", Bob));

        Assert.False(generation.IsFull);
        Assert.Same(Ada, generation.FindSession("session-a"));
        Assert.True(generation.AddToken("bob@example.com", Bob));
        Assert.True(generation.IsFull);
    }

    [Fact]
    public void A_full_generation_refuses_sessions_and_tokens_alike()
    {
        var generation = new KegSessionCacheGeneration<WebUser>(1, 1, sizeLimit: 1);
        Assert.True(generation.AddSession("session-a", Ada));

        Assert.False(generation.AddSession("session-b", Bob));
        Assert.False(generation.AddToken("bob@example.com", Bob));

        Assert.True(generation.IsFull);
        Assert.Null(generation.FindSession("session-b"));
        Assert.Null(generation.FindToken("bob@example.com"));
    }
}
