using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// The SQL of PostgreSQL's user change feed: the statement-level trigger that notifies
/// <see cref="Channel"/> after an UPDATE of the user table's columns (<see cref="Columns"/>), a DELETE or a
/// TRUNCATE, and the heartbeat's
/// proof that it is in place. The table's name and schema come from the EF model, so an app that maps
/// its users elsewhere (a schema, snake_case naming) gets the trigger on its own table.
/// </summary>
internal sealed class KegPostgresChangeFeedSql
{
    /// <summary>The notification channel, the trigger's name, and the function's name stem.</summary>
    public const string Channel = "keg_auth_user_changes";

    private const string FunctionName = "keg_auth_notify_user_change";

    private KegPostgresChangeFeedSql(string table, string function, IReadOnlyList<string> columns)
    {
        Table = table;
        Function = function;
        Columns = columns;
        Signature = "kegauth user change feed; columns: " + string.Join(",", columns);
    }

    /// <summary>
    /// The user columns whose update notifies: every mapped column but the last sign-in time, which every
    /// sign-in writes and no cached decision reads (so signing in does not empty every node's cache).
    /// </summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// The trigger's comment, naming the columns it watches; the heartbeat's proof requires it, so a model
    /// that gained a column (a new mixin) since the trigger was installed stops the feed until it is
    /// installed again, rather than missing updates of that column.
    /// </summary>
    public string Signature { get; }

    /// <summary>The user table, quoted and (when the model names one) schema-qualified.</summary>
    public string Table { get; }

    /// <summary>The trigger function, in the table's schema when the model names one.</summary>
    public string Function { get; }

    /// <summary>The names for <typeparamref name="TUser"/>'s table in <paramref name="db"/>'s model.</summary>
    /// <exception cref="InvalidOperationException">The model maps <typeparamref name="TUser"/> to no table.</exception>
    public static KegPostgresChangeFeedSql For<TUser>(DbContext db)
        where TUser : class
    {
        var entity = db.Model.FindEntityType(typeof(TUser))
                     ?? throw new InvalidOperationException($"The context's model has no entity type {typeof(TUser).Name}.");
        var name = entity.GetTableName()
                   ?? throw new InvalidOperationException($"The entity type {typeof(TUser).Name} is not mapped to a table.");
        var schema = entity.GetSchema();

        // Without a schema, EF leaves the name to the connection's search_path; so do the trigger and the proof.
        var prefix = string.IsNullOrEmpty(schema) ? string.Empty : Quote(schema) + ".";
        var table = StoreObjectIdentifier.Table(name, schema);
        var columns = entity.GetProperties()
            .Where(property => property.Name != nameof(IKegUser.LastLoginUtc))
            .Select(property => property.GetColumnName(table))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new KegPostgresChangeFeedSql(prefix + Quote(name), prefix + Quote(FunctionName), columns);
    }

    /// <summary>
    /// Creates or replaces the function and the trigger; safe to run again. ENABLE ALWAYS: the trigger
    /// also fires for writers in <c>session_replication_role = replica</c> (logical replication, some
    /// restores), which would otherwise change users unheard.
    /// </summary>
    public string Install() =>
        $"""
         LOCK TABLE {Table} IN SHARE ROW EXCLUSIVE MODE;
         CREATE OR REPLACE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $keg_auth$
         BEGIN
             PERFORM pg_catalog.pg_notify('{Channel}', '');
             RETURN NULL;
         END
         $keg_auth$;
         DROP TRIGGER IF EXISTS {Channel} ON {Table};
         CREATE TRIGGER {Channel} AFTER UPDATE OF {string.Join(", ", Columns.Select(Quote))} OR DELETE OR TRUNCATE ON {Table} FOR EACH STATEMENT EXECUTE FUNCTION {Function}();
         ALTER TABLE {Table} ENABLE ALWAYS TRIGGER {Channel};
         COMMENT ON TRIGGER {Channel} ON {Table} IS {Literal(Signature)};
         """;

    /// <summary>
    /// One row, true when the trigger exists and is enabled on the user table, and the query runs on the
    /// very backend (<paramref name="backend"/>) that listens on <see cref="Channel"/>: a pooler in
    /// transaction mode between the feed and the server would hand the proof to another backend while
    /// notifications go unheard. Run on the listening connection, its answer also proves that
    /// connection alive, and PostgreSQL has sent there, before the answer, every notification signalled
    /// before the query ended.
    /// </summary>
    public string Proof(int backend) =>
        $"""
         SELECT pg_catalog.pg_backend_pid() = {backend.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_listening_channels() c WHERE c = '{Channel}')
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                        WHERE t.tgrelid = pg_catalog.to_regclass({Literal(Table)})
                          AND t.tgname = '{Channel}' AND t.tgenabled <> 'D'
                          AND pg_catalog.obj_description(t.oid, 'pg_trigger') = {Literal(Signature)})
         """;

    /// <summary>Subscribes the connection to the channel and answers with its backend's pid.</summary>
    public static string Listen() => "LISTEN " + Channel + "; SELECT pg_catalog.pg_backend_pid()";

    /// <summary>A quoted identifier.</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal (standard_conforming_strings: only quotes are doubled).</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
