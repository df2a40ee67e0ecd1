using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Benchmarks;

/// <summary>
/// The permission dataset: 1,000 permissions, 200 bundles, 100 groups. Each user holds 5 permissions,
/// 2 bundles and 2 groups directly; each bundle 10 permissions; each group 10 permissions and 3
/// bundles: about 100 distinct permissions per user, through every path. Mapping rows are spread so
/// users share bundles and groups as in a real app.
/// </summary>
public static class PermissionSeed
{
    /// <summary>Permissions.</summary>
    public const int Permissions = 1_000;

    /// <summary>Bundles.</summary>
    public const int Bundles = 200;

    /// <summary>Groups.</summary>
    public const int Groups = 100;

    /// <summary>The one hand-written UNION query the benchmarks compare against; <c>@id</c> is the user.</summary>
    public const string UnionSql = """
        SELECT p."Id", p."Token", p."Description" FROM "Permissions" AS p WHERE p."Id" IN (
            SELECT up.permission_id FROM keg_auth_user_permissions AS up WHERE up.user_id = @id
            UNION
            SELECT bp.permission_id FROM keg_auth_user_bundles AS ub
                JOIN keg_auth_bundle_permissions AS bp ON bp.bundle_id = ub.bundle_id WHERE ub.user_id = @id
            UNION
            SELECT gp.permission_id FROM keg_auth_user_groups AS ug
                JOIN keg_auth_group_permissions AS gp ON gp.group_id = ug.group_id WHERE ug.user_id = @id
            UNION
            SELECT bp.permission_id FROM keg_auth_user_groups AS ug
                JOIN keg_auth_group_bundles AS gb ON gb.group_id = ug.group_id
                JOIN keg_auth_bundle_permissions AS bp ON bp.bundle_id = gb.bundle_id WHERE ug.user_id = @id)
        """;

    /// <summary>Every row to insert, as (table, columns, values), ids from 1.</summary>
    public static IEnumerable<(string Table, string Columns, object[] Values)> Rows(int users)
    {
        static string S(int i) => i.ToString(CultureInfo.InvariantCulture);
        for (var p = 1; p <= Permissions; p++)
        {
            yield return ("\"Permissions\"", "\"Id\", \"Token\", \"Description\"", [p, "perm-" + S(p), "Permission " + S(p)]);
        }

        for (var b = 1; b <= Bundles; b++)
        {
            yield return ("\"Bundles\"", "\"Id\", \"Name\"", [b, "bundle-" + S(b)]);
            for (var k = 0; k < 10; k++)
            {
                yield return ("keg_auth_bundle_permissions", "bundle_id, permission_id", [b, 1 + ((b * 37) + (k * 101)) % Permissions]);
            }
        }

        for (var g = 1; g <= Groups; g++)
        {
            yield return ("\"Groups\"", "\"Id\", \"Name\"", [g, "group-" + S(g)]);
            for (var k = 0; k < 10; k++)
            {
                yield return ("keg_auth_group_permissions", "group_id, permission_id", [g, 1 + ((g * 53) + (k * 97)) % Permissions]);
            }

            for (var k = 0; k < 3; k++)
            {
                yield return ("keg_auth_group_bundles", "group_id, bundle_id", [g, 1 + ((g * 7) + (k * 67)) % Bundles]);
            }
        }

        for (var u = 1; u <= users; u++)
        {
            yield return ("\"Users\"", "\"Id\", \"Username\", \"SessionKey\", \"IsEnabled\", \"IsSuperuser\"", [u, "user" + S(u), Guid.NewGuid().ToString(), true, false]);
            for (var k = 0; k < 5; k++)
            {
                yield return ("keg_auth_user_permissions", "user_id, permission_id", [u, 1 + ((u * 13) + (k * 199)) % Permissions]);
            }

            for (var k = 0; k < 2; k++)
            {
                yield return ("keg_auth_user_bundles", "user_id, bundle_id", [u, 1 + ((u * 11) + (k * 89)) % Bundles]);
                yield return ("keg_auth_user_groups", "user_id, group_id", [u, 1 + ((u * 17) + (k * 41)) % Groups]);
            }
        }
    }

    /// <summary>Inserts <see cref="Rows"/> through <paramref name="connection"/> in one transaction, one prepared command per table.</summary>
    public static void Insert(DbConnection connection, int users)
    {
        using var transaction = connection.BeginTransaction();
        var commands = new Dictionary<string, DbCommand>();
        foreach (var (table, columns, values) in Rows(users))
        {
            if (!commands.TryGetValue(table, out var command))
            {
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", values.Select((_, i) => "@p" + S(i)))})";
                foreach (var i in Enumerable.Range(0, values.Length))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + S(i);
                    command.Parameters.Add(parameter);
                }

                commands[table] = command;
            }

            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        static string S(int i) => i.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the permissions of <paramref name="userId"/> with <see cref="UnionSql"/> into entities, as EF would.</summary>
    public static async Task<HashSet<BenchPermission>> ReadUnionAsync(DbConnection connection, int userId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = UnionSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = userId;
        command.Parameters.Add(parameter);
        var set = new HashSet<BenchPermission>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            set.Add(new BenchPermission
            {
                Id = reader.GetInt32(0),
                Token = reader.GetString(1),
                Description = reader.IsDBNull(2) ? null : reader.GetString(2),
            });
        }

        return set;
    }
}

/// <summary>
/// Issue 7 item 4: <c>GetAllPermissionsAsync</c> on SQLite with 1,000, 10,000 and 100,000 users
/// (<see cref="PermissionSeed"/>); the rows are described on <see cref="PermissionBenchmarksBase"/>.
/// </summary>
public class PermissionBenchmarks : PermissionBenchmarksBase
{
    private string _connectionString = null!;

    /// <inheritdoc/>
    protected override DbContextOptions<BenchContext> Prepare()
    {
        var template = BenchSetup.SqliteTemplate($"permissions-{Users}", connectionString =>
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            PermissionSeed.Insert(connection, Users);
        });
        _connectionString = BenchSetup.ConnectionString(template, readOnly: true);
        return BenchSetup.Sqlite(_connectionString);
    }

    /// <inheritdoc/>
    protected override DbConnection NewConnection() => new SqliteConnection(_connectionString);
}
