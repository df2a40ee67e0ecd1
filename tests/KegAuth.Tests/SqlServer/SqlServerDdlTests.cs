using System.Text.RegularExpressions;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.SqlServer;

/// <summary>
/// The create script EF Core writes for SQL Server, with no server: keg-auth's column types
/// (KAPasswordType is varchar on MSSQL), lengths, unique indexes and mapping tables.
/// </summary>
public sealed class SqlServerDdlTests
{
    private static readonly string Script = CreateScript();

    private static readonly (string Table, string Left, string Right)[] MappingTables =
    [
        ("keg_auth_user_permissions", "user_id", "permission_id"),
        ("keg_auth_bundle_permissions", "bundle_id", "permission_id"),
        ("keg_auth_user_bundles", "user_id", "bundle_id"),
        ("keg_auth_user_groups", "user_id", "group_id"),
        ("keg_auth_group_permissions", "group_id", "permission_id"),
        ("keg_auth_group_bundles", "group_id", "bundle_id"),
    ];

    [Theory]
    [InlineData("Users", "Password")]
    [InlineData("UsersWithToken", "Password")]
    [InlineData("UsersWithToken", "Token")]
    public void Password_and_token_columns_are_varchar_not_nvarchar(string table, string column) =>
        Assert.Equal("varchar(max) NULL", ColumnType(table, column));

    [Theory]
    [InlineData("Users", "Username", "nvarchar(512) NOT NULL")]
    [InlineData("UsersWithToken", "Email", "nvarchar(512) NOT NULL")]
    [InlineData("Users", "SessionKey", "nvarchar(36) NOT NULL")]
    [InlineData("UsersWithToken", "SessionKey", "nvarchar(36) NOT NULL")]
    [InlineData("Permissions", "Token", "nvarchar(1024) NOT NULL")]
    [InlineData("Bundles", "Name", "nvarchar(1024) NOT NULL")]
    [InlineData("Groups", "Name", "nvarchar(1024) NOT NULL")]
    [InlineData("Attempts", "UserInput", "nvarchar(512) NOT NULL")]
    [InlineData("Attempts", "SourceIp", "nvarchar(50) NULL")]
    [InlineData("Attempts", "AttemptType", "varchar(20) NULL")]
    [InlineData("Users", "LastLoginUtc", "datetime2 NULL")]
    [InlineData("Attempts", "DatetimeUtc", "datetime2 NOT NULL")]
    public void Login_ids_names_and_keys_are_nvarchar_of_their_limits(string table, string column, string expected) =>
        Assert.Equal(expected, ColumnType(table, column));

    [Theory]
    [InlineData("Users", "Username")]
    [InlineData("Users", "SessionKey")]
    [InlineData("UsersWithToken", "Email")]
    [InlineData("UsersWithToken", "SessionKey")]
    [InlineData("Permissions", "Token")]
    [InlineData("Bundles", "Name")]
    [InlineData("Groups", "Name")]
    public void Login_ids_session_keys_tokens_and_names_have_unique_indexes(string table, string column) =>
        Assert.Matches($@"CREATE UNIQUE INDEX \[\w+\] ON \[{table}\] \(\[{column}\]\);", Script);

    [Fact]
    public void Six_mapping_tables_with_composite_keys_and_cascade_deletes()
    {
        foreach (var (table, left, right) in MappingTables)
        {
            var body = TableBody(table);
            Assert.Contains($"[{left}] int NOT NULL", body, StringComparison.Ordinal);
            Assert.Contains($"[{right}] int NOT NULL", body, StringComparison.Ordinal);
            Assert.Matches($@"CONSTRAINT \[\w+\] PRIMARY KEY \(\[{left}\], \[{right}\]\)", body);
            Assert.Equal(2, Regex.Matches(body, @"FOREIGN KEY \(\[\w+\]\) REFERENCES \[\w+\] \(\[Id\]\) ON DELETE CASCADE").Count);
        }
    }

    [Fact]
    public void With_keg_auth_naming_the_names_are_snake_case_and_the_hashes_stay_varchar()
    {
        var script = CreateScript(KegSchemaNaming.KegAuth);

        Assert.Equal("varchar(max) NULL", ColumnType(script, "users_with_token", "token"));
        Assert.Equal("nvarchar(36) NOT NULL", ColumnType(script, "users", "session_key"));
        Assert.Equal("datetime2 NOT NULL", ColumnType(script, "attempts", "datetime_utc"));
        Assert.Equal("int NOT NULL", ColumnType(script, "keg_auth_group_bundles", "bundle_id"));
    }

    private static string CreateScript(KegSchemaNaming naming = KegSchemaNaming.EntityFramework)
    {
        var kegAuth = TestClock.Options(TestClock.Create());
        kegAuth.SchemaNaming = naming;
        var options = new DbContextOptionsBuilder<AllKindsContext>()
            .UseSqlServer("Server=unused;Database=unused")
            .UseKegAuth(kegAuth)
            .Options;
        using var context = new AllKindsContext(options);
        return context.Database.GenerateCreateScript();
    }

    private static string TableBody(string table) => TableBody(Script, table);

    private static string TableBody(string script, string table)
    {
        var match = Regex.Match(script, $@"CREATE TABLE \[{table}\] \((.*?)\n\);", RegexOptions.Singleline);
        Assert.True(match.Success, $"no CREATE TABLE [{table}] in the script");
        return match.Groups[1].Value;
    }

    private static string ColumnType(string table, string column) => ColumnType(Script, table, column);

    private static string ColumnType(string script, string table, string column)
    {
        var match = Regex.Match(TableBody(script, table), $@"^\s*\[{column}\] (.+?),?\r?$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no column [{column}] in [{table}]");
        return match.Groups[1].Value;
    }
}
