namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// The database's word on whether any user row changed: a stamp that moves whenever one may have, from
/// any connection. What a node read while the stamp stood still still holds.
/// </summary>
internal interface IKegUserChangeFeed : IDisposable
{
    /// <summary>A short name for logs and metrics (<c>sqlite</c>, <c>postgresql</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The current stamp, covering every write committed before the call (PostgreSQL: every write whose
    /// notification has arrived, milliseconds after its commit); it never returns to an earlier value.
    /// <see langword="null"/> when the feed cannot vouch now (connection lost, trigger missing): then
    /// nothing cached may be served. After such an answer the next stamp must differ from every earlier
    /// one, since writes may have gone unseen meanwhile. Never throws.
    /// </summary>
    long? Stamp();
}
