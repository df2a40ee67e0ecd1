using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Authorization;

/// <summary>
/// Node-local permission tokens by (user type, user key, session key); see <see cref="KegPermissionCacheOptions"/>.
/// The session key is the one the request's scheme read from the database, never the credential's claim
/// alone, so an entry made before a rights change (which resets the key) is never found again.
/// </summary>
/// <remarks>
/// A <see cref="MemoryCache"/> with a size limit: each entry has size 1, so at most
/// <see cref="KegPermissionCacheOptions.SizeLimit"/> are held and hostile traffic with endless new
/// sessions cannot grow it (the cache compacts the least recently used); entries also expire after
/// <see cref="KegPermissionCacheOptions.Lifetime"/>. Two requests that miss at once both query (no
/// lock); both store the same answer.
/// </remarks>
internal sealed class KegPermissionCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly MemoryCacheEntryOptions _entry;

    /// <summary>Reads the options once.</summary>
    public KegPermissionCache(IOptions<KegPermissionCacheOptions> options)
    {
        var settings = options.Value;
        _entry = new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = settings.Lifetime > TimeSpan.Zero ? settings.Lifetime : TimeSpan.FromTicks(1),
        };
        if (settings.Enabled && settings.SizeLimit > 0 && settings.Lifetime > TimeSpan.Zero)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.SizeLimit });
        }
    }

    /// <summary>How many entries the node holds now, for tests.</summary>
    internal int Count => _cache?.Count ?? 0;

    /// <summary>The cached tokens of the user with <paramref name="userKey"/> and <paramref name="sessionKey"/>, or <paramref name="load"/>'s answer (then cached).</summary>
    public async ValueTask<IReadOnlySet<string>> GetOrLoadAsync<TState>(
        Type userType, string userKey, string sessionKey, TState state, Func<TState, Task<IReadOnlySet<string>>> load)
    {
        if (_cache is null || sessionKey.Length == 0)
        {
            return await load(state).ConfigureAwait(false);
        }

        var key = new Key(userType, userKey, sessionKey);
        if (_cache.TryGetValue(key, out IReadOnlySet<string>? tokens) && tokens is not null)
        {
            return tokens;
        }

        tokens = await load(state).ConfigureAwait(false);
        _cache.Set(key, tokens, _entry);
        return tokens;
    }

    /// <inheritdoc/>
    public void Dispose() => _cache?.Dispose();

    private readonly record struct Key(Type UserType, string UserKey, string SessionKey);
}
