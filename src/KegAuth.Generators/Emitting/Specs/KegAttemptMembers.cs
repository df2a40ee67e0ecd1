using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegAttempt]</c> (keg-auth <c>AttemptMixin</c>): the columns, the indexes the lockout count uses,
/// and <c>PurgeAttemptsAsync</c>, which calls the runtime's <c>KegAttempts</c>.
/// </summary>
internal sealed class KegAttemptMembers : AttributeSpec<AttemptModel>
{
    public static readonly KegAttemptMembers Spec = new();

    private KegAttemptMembers()
        : base("KegAttempt", "KegAttempt", Declare())
    {
    }

    public override EntityTypeModel TypeOf(AttemptModel model) => model.Type;

    // The lockout count filters by user input (or source IP) and a time range.
    public override IEnumerable<string> ClassAttributes(AttemptModel model) =>
    [
        $"[{K.Index}(nameof(UserInput), nameof(DatetimeUtc))]",
        $"[{K.Index}(nameof(SourceIp), nameof(DatetimeUtc))]",
    ];

    public override IEnumerable<string> Interfaces(AttemptModel model) => [K.IKegAttempt];

    private static IEnumerable<MemberSpec<AttemptModel>> Declare() =>
    [
        Property("UserInput", _ => "string",
            _ => "<summary>What the user typed as the login id (keg-auth <c>user_input</c>): at most 512 characters.</summary>",
            _ => $$"""
                [{{K.MaxLength}}(512)]
                public string UserInput { get; set; } = string.Empty;
                """),
        Property("DatetimeUtc", _ => K.DateTime,
            _ => $"""<summary>When the attempt was made, in UTC (keg-auth <c>datetime_utc</c>). Defaults to the system clock; <see cref="{K.Attempts}.LogAttemptAsync"/> sets it from the configured <see cref="global::System.TimeProvider"/>.</summary>""",
            _ => $"public {K.DateTime} DatetimeUtc {{ get; set; }} = {K.DateTime}.UtcNow;"),
        Property("AttemptType", _ => K.AttemptType + "?",
            _ => """<summary>The kind of attempt (keg-auth <c>attempt_type</c>), stored as <c>"login"</c>, <c>"forgot"</c> or <c>"reset"</c>.</summary>""",
            _ => $"public {K.AttemptType}? AttemptType {{ get; set; }}"),
        Property("IsDuringLockout", _ => "bool",
            _ => """<summary>Whether the attempt was made during a lockout (keg-auth <c>is_during_lockout</c>); such attempts never count toward one. Default <see langword="false"/>.</summary>""",
            _ => "public bool IsDuringLockout { get; set; }"),
        Property("Success", _ => "bool",
            _ => """<summary>Whether the attempt succeeded (keg-auth <c>success</c>). Default <see langword="true"/>.</summary>""",
            _ => "public bool Success { get; set; } = true;"),
        Property("SourceIp", _ => "string?",
            _ => "<summary>The client's IP address (keg-auth <c>source_ip</c>): at most 50 characters.</summary>",
            _ => $$"""
                [{{K.MaxLength}}(50)]
                public string? SourceIp { get; set; }
                """),
        Method("PurgeAttemptsAsync", _ => $"{K.DbContext}, string, {K.TimeSpan}?, {K.AttemptType}?, {K.CancellationToken}",
            _ => """
                <summary>Deletes attempts with one set-based <c>DELETE</c>, loading none (keg-auth <c>purge_attempts</c>). Filters combine; with none, every attempt is deleted.</summary>
                <param name="db">The context.</param>
                <param name="username">Only attempts whose <see cref="UserInput"/> equals this; null or empty for any.</param>
                <param name="olderThan">Only attempts made more than this long before now, by the context's KegAuth clock; null for any age.</param>
                <param name="attemptType">Only attempts of this type; null for any.</param>
                <param name="cancellationToken">Cancels the delete.</param>
                <returns>How many attempts were deleted.</returns>
                """,
            m => $"""
                public static {K.Task("int")} PurgeAttemptsAsync({K.DbContext} db, string? username = null, {K.TimeSpan}? olderThan = null, {K.AttemptType}? attemptType = null, {K.CancellationToken} cancellationToken = default) =>
                    {K.Attempts}.PurgeAsync<{m.Type.FullyQualifiedName}>(db, username, olderThan, attemptType, cancellationToken);
                """),
    ];
}
