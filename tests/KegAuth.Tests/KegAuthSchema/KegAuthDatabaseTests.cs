using System.Data.Common;
using System.Globalization;
using System.Text;
using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.Attempts;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Interop;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.KegAuthSchema;

/// <summary>
/// A database created and filled as Python keg-auth would, opened in place with
/// <see cref="KegSchemaNaming.KegAuth"/>, and left in a state Python reads back.
/// </summary>
public abstract class KegAuthDatabaseTests : IDisposable
{
    private const string PythonNow = "2030-01-01 12:00:00.000000"; // TestClock.Start as SQLAlchemy writes it

    private readonly TestDatabase _database;
    private readonly KegAuthSchemaDialect _dialect;
    private readonly KegAuthOptions _options;
    private readonly InteropUserVector _alice = InteropUserVectors.ById(140892);
    private readonly InteropUserVector _zoe = InteropUserVectors.ById(841236);
    private readonly ApiTokenVector _aliceApi;

    protected KegAuthDatabaseTests(TestDatabase database)
    {
        _database = database;
        _dialect = KegAuthSchemaDialect.For(database);
        _options = TestClock.Options(TestClock.Create());
        _options.PasswordWorkFactor = 4;
        _options.SchemaNaming = KegSchemaNaming.KegAuth;
        _aliceApi = InteropVectors.Instance.ApiTokens.First(v => v.Email == _alice.Email);

        Execute(_dialect.Ddl);
        InsertEmailUser(_alice, _aliceApi.TokenHash);
        InsertEmailUser(_zoe, token: null);
        Execute("""
            INSERT INTO users (username, is_enabled, is_superuser, session_key, disabled_utc) VALUES
                ('member', TRUE, FALSE, 'member-session-key', '2030-06-01 00:00:00.000000'),
                ('outsider', TRUE, FALSE, 'outsider-session-key', '2029-12-31 00:00:00.000000');
            INSERT INTO permissions (token, description) VALUES ('report-view', 'View reports'), ('admin', NULL);
            INSERT INTO bundles (name) VALUES ('reports');
            INSERT INTO groups (name) VALUES ('staff');
            INSERT INTO keg_auth_bundle_permissions (bundle_id, permission_id) VALUES (1, 1);
            INSERT INTO keg_auth_group_bundles (group_id, bundle_id) VALUES (1, 1);
            INSERT INTO keg_auth_user_groups (user_id, group_id) VALUES (1, 1);
            INSERT INTO attempts (user_input, datetime_utc, attempt_type, is_during_lockout, success, source_ip) VALUES
                ('alice@example.com', '2029-12-30 12:00:00.000000', 'login', FALSE, FALSE, '10.0.0.1'),
                ('alice@example.com', '2029-12-31 11:59:59.999999', 'forgot', FALSE, TRUE, NULL),
                ('alice@example.com', '2029-12-31 12:00:00.000000', 'reset', FALSE, TRUE, NULL),
                ('alice@example.com', '2030-01-01 11:00:00.000000', 'login', FALSE, FALSE, NULL);
            """);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_python_user_logs_in_and_the_login_is_stored_as_python_writes_it()
    {
        using (var db = NewContext())
        {
            var user = db.UsersWithToken.Where(u => u.IsActive).Single(u => u.Email == "ALICE@Example.com");
            Assert.True(user.Password!.Verify(_alice.PasswordPlain));
            Assert.False(user.Password.Verify("wrong"));

            user.LastLoginUtc = TestClock.Start.UtcDateTime;
            await KegAttempts.LogAttemptAsync<Attempt>(db, user.Email, AttemptType.Login, success: true, sourceIp: "10.0.0.2");
            await db.SaveChangesAsync();
        }

        Assert.Equal(
            [PythonNow, _dialect.BinaryTypeName, _alice.PasswordHash!, "alice-session-key"],
            Row($"SELECT {_dialect.TimestampText("last_login_utc")}, {_dialect.TypeOf("password")}, {_dialect.HashText("password")}, session_key FROM users_with_token WHERE id = 140892"));
        Assert.Equal(
            ["alice@example.com", PythonNow, "login", 0L, 1L, "10.0.0.2"],
            Row($"SELECT user_input, {_dialect.TimestampText("datetime_utc")}, CAST(attempt_type AS TEXT), is_during_lockout, success, source_ip FROM attempts WHERE id = 5"));
    }

    [Fact]
    public void A_password_set_here_is_stored_as_the_bytes_python_stores()
    {
        using (var db = NewContext())
        {
            db.UsersWithToken.Single(u => u.Id == _zoe.Id).SetPassword("new password", _options);
            db.SaveChanges();
        }

        var stored = Row($"SELECT {_dialect.TypeOf("password")}, {_dialect.HashText("password")} FROM users_with_token WHERE id = 841236");
        Assert.Equal(_dialect.BinaryTypeName, stored[0]);
        Assert.StartsWith("$2", (string)stored[1]!, StringComparison.Ordinal);
        Assert.True(PasswordHash.FromHash((string)stored[1]!).Verify("new password"));
    }

    [Fact]
    public void The_reset_token_keg_auth_issued_verifies_against_the_stored_row()
    {
        using var db = NewContext();
        var user = db.UsersWithToken.Single(u => u.Email == _zoe.Email);
        var at = new KegAuthOptions { SecretKey = _zoe.SecretKey, AllowShortSecretKey = true, TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(_zoe.IssuedAt)) };

        // The salt holds last_login_utc to the microsecond, read from SQLAlchemy's text.
        Assert.Equal(_zoe.ExpectedSalt, user.GetTokenSalt());
        Assert.True(user.TokenVerify(_zoe.Token, at));
        Assert.False(user.TokenVerify(_zoe.TamperedToken, at));
    }

    [Fact]
    public async Task An_api_token_keg_auth_issued_finds_its_user()
    {
        using var db = NewContext();

        var found = await TokenEmailUser.GetUserForApiTokenAsync(db.UsersWithToken, _aliceApi.ApiToken);

        // The bcrypt hash matched the bytes column by value, and the conditional update stored the fast hash as bytes too.
        Assert.Equal(_alice.Id, found?.Id);
        var stored = Row($"SELECT {_dialect.TypeOf("token")}, {_dialect.HashText("token")}, session_key FROM users_with_token WHERE id = 140892");
        Assert.Equal(_dialect.BinaryTypeName, stored[0]);
        Assert.StartsWith("$keg-sha256$", (string)stored[1]!, StringComparison.Ordinal);
        Assert.Equal("alice-session-key", stored[2]);
    }

    [Fact]
    public async Task Permissions_resolve_through_a_group_bundle_and_a_grant_is_a_mapping_row()
    {
        using (var db = NewContext())
        {
            var member = db.Users.Single(u => u.Username == "member");
            Assert.Equal(["report-view"], await member.GetAllPermissionTokensAsync(db));
            Assert.True(await member.HasAllPermissionsAsync(db, "report-view"));

            var outsider = db.Users.Single(u => u.Username == "outsider");
            Assert.Empty(await outsider.GetAllPermissionTokensAsync(db));
            outsider.Permissions.Add(db.Permissions.Single(p => p.Token == "admin"));
            db.SaveChanges();
        }

        Assert.Equal([2L, 2L], Row("SELECT user_id, permission_id FROM keg_auth_user_permissions"));
        Assert.NotEqual("outsider-session-key", Row("SELECT session_key FROM users WHERE id = 2")[0]);
        Assert.Equal("member-session-key", Row("SELECT session_key FROM users WHERE id = 1")[0]);
    }

    [Fact]
    public void Is_active_compares_python_timestamps_in_sql()
    {
        using var db = NewContext();

        Assert.Equal(["member"], db.Users.Where(u => u.IsActive).Select(u => u.Username).ToArray());
        Assert.Equal(["outsider"], db.Users.Where(u => !u.IsActive).Select(u => u.Username).ToArray());
    }

    [Fact]
    public async Task Purge_deletes_python_attempts_strictly_older_than_the_cutoff()
    {
        using var db = NewContext();

        Assert.Equal(2, await Attempt.PurgeAttemptsAsync(db, olderThan: TimeSpan.FromDays(1)));
        Assert.Equal([3, 4], db.Attempts.OrderBy(a => a.Id).Select(a => a.Id).ToArray());
        Assert.Equal(AttemptType.Reset, db.Attempts.Single(a => a.Id == 3).AttemptType);
    }

    [Fact]
    public void Names_are_snake_case_and_the_default_naming_keeps_its_own_model()
    {
        using var kegAuth = NewContext();
        var defaults = TestClock.Options(TestClock.Create());
        using var entityFramework = _database.CreateContext<KegAuthAppContext>(defaults);

        var user = kegAuth.Model.FindEntityType(typeof(TokenEmailUser))!;
        Assert.Equal("users_with_token", user.GetTableName());
        Assert.Equal("last_login_utc", user.FindProperty(nameof(TokenEmailUser.LastLoginUtc))!.GetColumnName());
        Assert.Equal("is_verified", user.FindProperty(nameof(TokenEmailUser.IsVerified))!.GetColumnName());
        Assert.Equal("datetime_utc", kegAuth.Model.FindEntityType(typeof(Attempt))!.FindProperty(nameof(Attempt.DatetimeUtc))!.GetColumnName());
        Assert.Equal("UsersWithToken", entityFramework.Model.FindEntityType(typeof(TokenEmailUser))!.GetTableName());
    }

    private KegAuthAppContext NewContext() => new(_dialect.Options(_database, _options));

    private void InsertEmailUser(InteropUserVector vector, string? token)
    {
        // SQLAlchemy's timestamp text, always six fraction digits; a literal, which both providers cast.
        var lastLogin = vector.LastLoginUtc is { } login ? $"'{login.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'" : "NULL";
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO users_with_token (id, email, is_verified, is_enabled, is_superuser, password, token, session_key, last_login_utc)
            VALUES (@id, @email, TRUE, @enabled, FALSE, @password, @token, @key, {lastLogin})
            """;
        Add(command, "id", vector.Id);
        Add(command, "email", vector.Email);
        Add(command, "enabled", vector.IsActive);
        Add(command, "password", vector.PasswordHash is null ? null : Encoding.UTF8.GetBytes(vector.PasswordHash));
        Add(command, "token", token is null ? null : Encoding.UTF8.GetBytes(token));
        Add(command, "key", vector.Email.Split('@')[0] + "-session-key");
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // An untyped NULL is text to Npgsql, which bytea refuses.
            parameter.DbType = System.Data.DbType.Binary;
        }

        command.Parameters.Add(parameter);
    }

    private void Execute(string sql)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object?[] Row(string sql)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "no row");
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        Assert.False(reader.Read(), "more than one row");
        return [.. values.Select(Normalize)];
    }

    // Booleans and integers as SQLite returns them, so one expectation fits both providers.
    private static object? Normalize(object? value) => value switch
    {
        DBNull => null,
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };
}

/// <summary><see cref="KegAuthDatabaseTests"/> on SQLite.</summary>
public sealed class KegAuthDatabaseTestsOnSqlite() : KegAuthDatabaseTests(new SqliteTestDatabase());

/// <summary><see cref="KegAuthDatabaseTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KegAuthDatabaseTestsOnPostgres(PostgresFixture postgres) : KegAuthDatabaseTests(postgres.NewDatabase());
