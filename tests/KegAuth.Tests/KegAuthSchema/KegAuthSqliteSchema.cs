namespace KegAuth.Tests.KegAuthSchema;

/// <summary>
/// The SQLite DDL SQLAlchemy emits for keg-auth's mixins on keg_auth_ta's models: UserMixin,
/// UserEmailMixin, UserTokenMixin, PermissionMixin, BundleMixin, GroupMixin, AttemptMixin, the
/// <c>keg_auth_</c> mapping tables of <c>initialize_mappings</c>, and keg-elements' DefaultColsMixin
/// (<c>id</c>, <c>created_utc</c>, <c>updated_utc</c>). KAPasswordType is BLOB, ArrowType DATETIME,
/// EmailType VARCHAR(255), the attempt-type enum VARCHAR(6) with its CHECK.
/// </summary>
public static class KegAuthSqliteSchema
{
    private const string DefaultCols = """
        	id INTEGER NOT NULL,
        	created_utc DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
        	updated_utc DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
        """;

    private const string UserCols = """
        	is_enabled BOOLEAN NOT NULL,
        	is_superuser BOOLEAN NOT NULL,
        	password BLOB,
        	session_key VARCHAR(36) NOT NULL,
        	last_login_utc DATETIME,
        	disabled_utc DATETIME DEFAULT NULL,
        """;

    /// <summary>Every CREATE TABLE, in dependency order.</summary>
    public static readonly string Ddl = $"""
        CREATE TABLE users (
        {UserCols}
        	username VARCHAR(512) NOT NULL,
        {DefaultCols}
        	PRIMARY KEY (id),
        	UNIQUE (session_key),
        	UNIQUE (username)
        );
        CREATE TABLE users_with_token (
        	token BLOB,
        {UserCols}
        	is_verified BOOLEAN NOT NULL,
        	email VARCHAR(255) NOT NULL,
        {DefaultCols}
        	PRIMARY KEY (id),
        	UNIQUE (session_key),
        	UNIQUE (email)
        );
        CREATE TABLE permissions (
        	token VARCHAR(1024) NOT NULL,
        	description VARCHAR,
        {DefaultCols}
        	PRIMARY KEY (id),
        	UNIQUE (token)
        );
        CREATE TABLE bundles (
        	name VARCHAR(1024) NOT NULL,
        {DefaultCols}
        	PRIMARY KEY (id),
        	UNIQUE (name)
        );
        CREATE TABLE groups (
        	name VARCHAR(1024) NOT NULL,
        {DefaultCols}
        	PRIMARY KEY (id),
        	UNIQUE (name)
        );
        CREATE TABLE attempts (
        	user_input VARCHAR(512) NOT NULL,
        	datetime_utc DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,
        	attempt_type VARCHAR(6),
        	is_during_lockout BOOLEAN NOT NULL,
        	success BOOLEAN NOT NULL,
        	source_ip VARCHAR(50),
        {DefaultCols}
        	PRIMARY KEY (id),
        	CONSTRAINT ka_attempt_types CHECK (attempt_type IN ('forgot', 'login', 'reset'))
        );
        {Mapping("user_permissions", "user_id", "users", "permission_id", "permissions")}
        {Mapping("bundle_permissions", "bundle_id", "bundles", "permission_id", "permissions")}
        {Mapping("user_bundles", "user_id", "users", "bundle_id", "bundles")}
        {Mapping("user_groups", "user_id", "users", "group_id", "groups")}
        {Mapping("group_permissions", "group_id", "groups", "permission_id", "permissions")}
        {Mapping("group_bundles", "group_id", "groups", "bundle_id", "bundles")}
        """;

    private static string Mapping(string name, string left, string leftTable, string right, string rightTable) => $"""
        CREATE TABLE keg_auth_{name} (
        	{left} INTEGER NOT NULL,
        	{right} INTEGER NOT NULL,
        	PRIMARY KEY ({left}, {right}),
        	FOREIGN KEY({left}) REFERENCES {leftTable} (id) ON DELETE CASCADE,
        	FOREIGN KEY({right}) REFERENCES {rightTable} (id) ON DELETE CASCADE
        );
        """;
}
