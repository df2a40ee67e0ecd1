using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using static KegAuth.Generators.Emitting.MemberWriter;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits the keg-auth <c>AttemptMixin</c> members of one attempt class: the columns, the indexes the
/// lockout count uses, and <c>PurgeAttemptsAsync</c>, which calls the runtime's <c>KegAttempts</c>.
/// </summary>
internal static class AttemptEmitter
{
    /// <summary>The hint name of the attempt's generated file.</summary>
    public static string HintName(AttemptModel model) => HintNames.For(model.Type, "KegAttempt");

    /// <summary>The generated source for <paramref name="model"/>.</summary>
    public static string Emit(AttemptModel model)
    {
        // The lockout count filters by user input (or source IP) and a time range.
        var classAttributes = new[]
        {
            "[" + KnownTypes.Index + "(nameof(UserInput), nameof(DatetimeUtc))]",
            "[" + KnownTypes.Index + "(nameof(SourceIp), nameof(DatetimeUtc))]",
        };
        return PartialClassWriter.Write(model.Type, classAttributes, new[] { KnownTypes.IKegAttempt }, writer => WriteMembers(writer, model));
    }

    private static void WriteMembers(SourceWriter writer, AttemptModel model)
    {
        Write(writer, Summary("What the user typed as the login id (keg-auth <c>user_input</c>): at most 512 characters."),
            "[" + KnownTypes.MaxLength + "(512)]",
            "public string UserInput { get; set; } = string.Empty;");
        Write(writer, Summary("When the attempt was made, in UTC (keg-auth <c>datetime_utc</c>). Defaults to the system clock; <see cref=\"" + KnownTypes.Attempts + ".LogAttemptAsync\"/> sets it from the configured <see cref=\"global::System.TimeProvider\"/>."),
            "public " + KnownTypes.DateTime + " DatetimeUtc { get; set; } = " + KnownTypes.DateTime + ".UtcNow;");
        Write(writer, Summary("The kind of attempt (keg-auth <c>attempt_type</c>), stored as <c>\"login\"</c>, <c>\"forgot\"</c> or <c>\"reset\"</c>."),
            "public " + KnownTypes.AttemptType + "? AttemptType { get; set; }");
        Write(writer, Summary("Whether the attempt was made during a lockout (keg-auth <c>is_during_lockout</c>); such attempts never count toward one. Default <see langword=\"false\"/>."),
            "public bool IsDuringLockout { get; set; }");
        Write(writer, Summary("Whether the attempt succeeded (keg-auth <c>success</c>). Default <see langword=\"true\"/>."),
            "public bool Success { get; set; } = true;");
        Write(writer, Summary("The client's IP address (keg-auth <c>source_ip</c>): at most 50 characters."),
            "[" + KnownTypes.MaxLength + "(50)]",
            "public string? SourceIp { get; set; }");
        Write(writer, new[]
            {
                "<summary>Deletes attempts with one set-based <c>DELETE</c>, loading none (keg-auth <c>purge_attempts</c>). Filters combine; with none, every attempt is deleted.</summary>",
                "<param name=\"db\">The context.</param>",
                "<param name=\"username\">Only attempts whose <see cref=\"UserInput\"/> equals this; null or empty for any.</param>",
                "<param name=\"olderThan\">Only attempts made more than this long before now, by the context's KegAuth clock; null for any age.</param>",
                "<param name=\"attemptType\">Only attempts of this type; null for any.</param>",
                "<param name=\"cancellationToken\">Cancels the delete.</param>",
                "<returns>How many attempts were deleted.</returns>",
            },
            "public static " + KnownTypes.Task("int") + " PurgeAttemptsAsync(" + KnownTypes.DbContext + " db, string? username = null, " + KnownTypes.TimeSpan + "? olderThan = null, " + KnownTypes.AttemptType + "? attemptType = null, " + KnownTypes.CancellationToken + " cancellationToken = default) =>",
            "    " + KnownTypes.Attempts + ".PurgeAsync<" + model.Type.FullyQualifiedName + ">(db, username, olderThan, attemptType, cancellationToken);");
    }
}
