namespace KegAuth.AspNetCore;

/// <summary>
/// The node-local cache of each signed-in user's permission tokens that <c>RequireKegPermissions</c> and
/// <c>[KegPermissions]</c> read. An entry is keyed by the user's key and the session key read from the
/// database on the same request, and every rights change saved through EF Core (groups, bundles,
/// permissions, superuser, enabled) resets the session key: the next request looks under a new key and
/// queries again, on every node. Configure with <c>services.Configure&lt;KegPermissionCacheOptions&gt;(...)</c>.
/// </summary>
public sealed class KegPermissionCacheOptions
{
    /// <summary>Whether permission tokens are cached at all. Default <see langword="true"/>; off, every check queries.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How many users' token sets one node keeps (each entry counts one); beyond it new entries are not
    /// stored until the cache has compacted the least recently used ones. Default 10,000.
    /// </summary>
    public int SizeLimit { get; set; } = 10_000;

    /// <summary>
    /// How long an entry is trusted at most, a bound for rights changed outside EF Core's change tracking
    /// (raw SQL, a permission row deleted by the database's cascade), which do not reset session keys.
    /// Default one minute.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);
}
