using System.Collections.Concurrent;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// What a node read from the database while the feed's stamp and the process's own user-write count
/// stood at one pair of values. A new pair starts a new generation; an old one is dropped whole, and a
/// request still holding it (its read began before the change) adds to a generation nobody reads again.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class KegSessionCacheGeneration<TUser>(long feedStamp, long localStamp, int sizeLimit)
    where TUser : class
{
    private readonly ConcurrentDictionary<string, TUser> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TUser> _tokens = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The feed's stamp this generation was read under.</summary>
    public long FeedStamp { get; } = feedStamp;

    /// <summary>The process's user-write count this generation was read under.</summary>
    public long LocalStamp { get; } = localStamp;

    /// <summary>Whether the generation holds as many entries as it may.</summary>
    public bool IsFull => Volatile.Read(ref _count) >= sizeLimit;

    /// <summary>The user read for <paramref name="sessionKey"/>, or <see langword="null"/>.</summary>
    public TUser? FindSession(string sessionKey) => _sessions.TryGetValue(sessionKey, out var user) ? user : null;

    /// <summary>The user read for an API token's <paramref name="loginId"/> (as the client sent it), or <see langword="null"/>.</summary>
    public TUser? FindToken(string loginId) => _tokens.TryGetValue(loginId, out var user) ? user : null;

    /// <summary>Remembers <paramref name="user"/> as the holder of <paramref name="sessionKey"/>; false when full.</summary>
    public bool AddSession(string sessionKey, TUser user) => Add(_sessions, sessionKey, user);

    /// <summary>Remembers <paramref name="user"/> as the user an API token's <paramref name="loginId"/> names; false when full.</summary>
    public bool AddToken(string loginId, TUser user) => Add(_tokens, loginId, user);

    private bool Add(ConcurrentDictionary<string, TUser> entries, string key, TUser user)
    {
        // Once full, a generation stays full (the next request starts a new one): the count may overshoot.
        if (Interlocked.Increment(ref _count) > sizeLimit)
        {
            return false;
        }

        if (!entries.TryAdd(key, user))
        {
            Interlocked.Decrement(ref _count);
        }

        return true;
    }
}
