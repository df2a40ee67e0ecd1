namespace KegAuth;

/// <summary>How KegAuth names the tables and columns of a context; see <see cref="KegAuthOptions.SchemaNaming"/>.</summary>
public enum KegSchemaNaming
{
    /// <summary>EF Core's own names: tables after the DbSet, columns after the property (<c>IsEnabled</c>, <c>SessionKey</c>).</summary>
    EntityFramework,

    /// <summary>
    /// keg-auth's SQLAlchemy schema, to open a Python keg-auth database in place: snake_case tables and
    /// columns for the whole context (<c>users</c>, <c>is_enabled</c>, <c>session_key</c>,
    /// <c>datetime_utc</c>, ...), and on SQLite and PostgreSQL the column formats keg-auth writes there
    /// (see <see cref="KegAuthOptions.SchemaNaming"/> for PostgreSQL's attempt-type enum).
    /// </summary>
    KegAuth,
}
