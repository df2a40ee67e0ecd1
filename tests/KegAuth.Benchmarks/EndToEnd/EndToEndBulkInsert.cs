using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// Inserts many rows fast on SQLite and PostgreSQL alike: one transaction, multi-row INSERTs through one
/// prepared command per batch size (a million users in seconds, not the minutes EF's change tracker would
/// take). Table and column names come from the EF model, so they match what EF queries.
/// </summary>
internal static class EndToEndBulkInsert
{
    /// <summary>
    /// Inserts <paramref name="count"/> rows of <typeparamref name="TEntity"/>; <paramref name="row"/> gives row i's
    /// values in <paramref name="properties"/>' order. <paramref name="connectionSetup"/>, when given, runs first on
    /// the same connection (per-connection settings such as SQLite's cache size). <paramref name="parametersPerStatement"/>
    /// bounds the rows per INSERT (see <see cref="EndToEndDatabase.BulkParametersPerStatement"/>).
    /// </summary>
    public static void Run<TEntity>(DbContext context, IReadOnlyList<string> properties, int count, Func<int, object?[]> row, int parametersPerStatement, string? connectionSetup = null)
    {
        var batchRows = Math.Max(1, parametersPerStatement / properties.Count);
        var entity = context.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var columns = properties.Select(p => entity.FindProperty(p)?.GetColumnName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{p} is not mapped.")).ToList();
        var columnList = string.Join(", ", columns.Select(c => $"\"{c}\""));

        context.Database.OpenConnection();
        try
        {
            var connection = context.Database.GetDbConnection();
            if (connectionSetup is not null)
            {
                using var setup = connection.CreateCommand();
                setup.CommandText = connectionSetup;
                setup.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            DbCommand? full = null;
            for (var start = 0; start < count; start += batchRows)
            {
                var rows = Math.Min(batchRows, count - start);
                var command = rows == batchRows ? full ??= Prepare(connection, transaction, table, columnList, columns.Count, rows) : Prepare(connection, transaction, table, columnList, columns.Count, rows);
                for (var r = 0; r < rows; r++)
                {
                    var values = row(start + r);
                    for (var c = 0; c < columns.Count; c++)
                    {
                        command.Parameters[(r * columns.Count) + c].Value = values[c] ?? DBNull.Value;
                    }
                }

                command.ExecuteNonQuery();
                if (command != full)
                {
                    command.Dispose();
                }
            }

            full?.Dispose();
            transaction.Commit();
        }
        finally
        {
            context.Database.CloseConnection();
        }
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, string columnList, int columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var names = new string[columns];
            for (var c = 0; c < columns; c++)
            {
                names[c] = "@p" + ((r * columns) + c).ToString(CultureInfo.InvariantCulture);
                var parameter = command.CreateParameter();
                parameter.ParameterName = names[c];
                command.Parameters.Add(parameter);
            }

            values.Add("(" + string.Join(", ", names) + ")");
        }

        command.CommandText = $"INSERT INTO \"{table}\" ({columnList}) VALUES {string.Join(", ", values)}";
        return command;
    }
}
