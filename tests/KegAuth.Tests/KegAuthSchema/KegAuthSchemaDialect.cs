using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.KegAuthSchema;

/// <summary>
/// The DDL SQLAlchemy emits for keg-auth's mixins on keg_auth_ta's models (UserMixin, UserEmailMixin,
/// UserTokenMixin, PermissionMixin, BundleMixin, GroupMixin, AttemptMixin, the <c>keg_auth_</c>
/// mapping tables of <c>initialize_mappings</c>, keg-elements' DefaultColsMixin), per provider, and
/// the plain SQL that reads values back as Python would see them.
/// </summary>
public abstract class KegAuthSchemaDialect
{
    /// <summary>KAPasswordType's type (sqlalchemy-utils PasswordType): binary on SQLite and PostgreSQL.</summary>
    public abstract string BinaryTypeName { get; }

    /// <summary>Every CREATE statement, in dependency order.</summary>
    public string Ddl => $"""
        {Prelude}
        CREATE TABLE users (
        {UserCols}
        	username VARCHAR(512) NOT NULL,
        {DefaultCols(Serial)}
        	PRIMARY KEY (id),
        	UNIQUE (session_key),
        	UNIQUE (username)
        );
        CREATE TABLE users_with_token (
        	token {BinaryTypeName},
        {UserCols}
        	is_verified BOOLEAN NOT NULL,
        	email VARCHAR(255) NOT NULL,
        {DefaultCols(BigSerial)}
        	PRIMARY KEY (id),
        	UNIQUE (session_key),
        	UNIQUE (email)
        );
        CREATE TABLE permissions (
        	token VARCHAR(1024) NOT NULL,
        	description VARCHAR,
        {DefaultCols(Serial)}
        	PRIMARY KEY (id),
        	UNIQUE (token)
        );
        CREATE TABLE bundles (
        	name VARCHAR(1024) NOT NULL,
        {DefaultCols(Serial)}
        	PRIMARY KEY (id),
        	UNIQUE (name)
        );
        CREATE TABLE groups (
        	name VARCHAR(1024) NOT NULL,
        {DefaultCols(Serial)}
        	PRIMARY KEY (id),
        	UNIQUE (name)
        );
        CREATE TABLE attempts (
        	user_input VARCHAR(512) NOT NULL,
        	datetime_utc {Timestamp} DEFAULT {UtcNow} NOT NULL,
        	attempt_type {AttemptTypeColumn},
        	is_during_lockout BOOLEAN NOT NULL,
        	success BOOLEAN NOT NULL,
        	source_ip VARCHAR(50),
        {DefaultCols(Serial)}
        	PRIMARY KEY (id){AttemptTypeCheck}
        );
        {Mapping("user_permissions", "user_id", "users", "permission_id", "permissions")}
        {Mapping("bundle_permissions", "bundle_id", "bundles", "permission_id", "permissions")}
        {Mapping("user_bundles", "user_id", "users", "bundle_id", "bundles")}
        {Mapping("user_groups", "user_id", "users", "group_id", "groups")}
        {Mapping("group_permissions", "group_id", "groups", "permission_id", "permissions")}
        {Mapping("group_bundles", "group_id", "groups", "bundle_id", "bundles")}
        """;

    protected virtual string Prelude => string.Empty;

    protected abstract string Timestamp { get; }

    protected abstract string UtcNow { get; }

    protected abstract string Serial { get; }

    protected abstract string BigSerial { get; }

    protected abstract string AttemptTypeColumn { get; }

    protected virtual string AttemptTypeCheck => string.Empty;

    private string UserCols => $"""
        	is_enabled BOOLEAN NOT NULL,
        	is_superuser BOOLEAN NOT NULL,
        	password {BinaryTypeName},
        	session_key VARCHAR(36) NOT NULL,
        	last_login_utc {Timestamp},
        	disabled_utc {Timestamp} DEFAULT NULL,
        """;

    /// <summary>The dialect of <paramref name="database"/>'s provider.</summary>
    public static KegAuthSchemaDialect For(TestDatabase database) => database switch
    {
        SqliteTestDatabase => new SqliteDialect(),
        PostgresTestDatabase postgres => new PostgresDialect(postgres.ConnectionString),
        _ => throw new ArgumentException($"No keg-auth schema for {database.GetType().Name}.", nameof(database)),
    };

    /// <summary>
    /// Options for the app's context on this database, with keg-auth naming; PostgreSQL also maps
    /// keg-auth's native enum, as an app must.
    /// </summary>
    public abstract DbContextOptions<KegAuthAppContext> Options(TestDatabase database, KegAuthOptions options);

    /// <summary>SQL giving <paramref name="column"/>'s timestamp as SQLAlchemy's SQLite text, <c>yyyy-MM-dd HH:mm:ss.ffffff</c>.</summary>
    public abstract string TimestampText(string column);

    /// <summary>SQL giving a binary hash column as its text.</summary>
    public abstract string HashText(string column);

    /// <summary>SQL giving the storage type of <paramref name="column"/>'s value.</summary>
    public abstract string TypeOf(string column);

    private string DefaultCols(string serial) => $"""
        	id {serial} NOT NULL,
        	created_utc {Timestamp} DEFAULT {UtcNow} NOT NULL,
        	updated_utc {Timestamp} DEFAULT {UtcNow} NOT NULL,
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

    /// <summary>SQLite: BLOB hashes, DATETIME text, the enum as VARCHAR(6) with its CHECK.</summary>
    private sealed class SqliteDialect : KegAuthSchemaDialect
    {
        public override string BinaryTypeName => "BLOB";

        protected override string Timestamp => "DATETIME";

        protected override string UtcNow => "(CURRENT_TIMESTAMP)";

        protected override string Serial => "INTEGER";

        protected override string BigSerial => "INTEGER";

        protected override string AttemptTypeColumn => "VARCHAR(6)";

        protected override string AttemptTypeCheck => ",\n\tCONSTRAINT ka_attempt_types CHECK (attempt_type IN ('forgot', 'login', 'reset'))";

        public override DbContextOptions<KegAuthAppContext> Options(TestDatabase database, KegAuthOptions options) =>
            database.Options<KegAuthAppContext>(options);

        public override string TimestampText(string column) => column;

        public override string HashText(string column) => $"CAST({column} AS TEXT)";

        public override string TypeOf(string column) => $"upper(typeof({column}))";
    }

    /// <summary>PostgreSQL: bytea hashes, naive UTC timestamps, the native enum ka_attempt_types.</summary>
    private sealed class PostgresDialect(string connectionString) : KegAuthSchemaDialect
    {
        public override string BinaryTypeName => "BYTEA";

        protected override string Prelude => "CREATE TYPE ka_attempt_types AS ENUM ('forgot', 'login', 'reset');";

        protected override string Timestamp => "TIMESTAMP WITHOUT TIME ZONE";

        protected override string UtcNow => "TIMEZONE('utc', CURRENT_TIMESTAMP)";

        protected override string Serial => "SERIAL";

        protected override string BigSerial => "BIGSERIAL";

        protected override string AttemptTypeColumn => "ka_attempt_types";

        public override DbContextOptions<KegAuthAppContext> Options(TestDatabase database, KegAuthOptions options) =>
            new DbContextOptionsBuilder<KegAuthAppContext>()
                .UseNpgsql(connectionString, npgsql => npgsql.MapEnum<AttemptType>("ka_attempt_types"))
                .UseKegAuth(options)
                .Options;

        public override string TimestampText(string column) => $"to_char({column}, 'YYYY-MM-DD HH24:MI:SS.US')";

        public override string HashText(string column) => $"convert_from({column}, 'UTF8')";

        public override string TypeOf(string column) => $"upper(pg_typeof({column})::text)";
    }
}
