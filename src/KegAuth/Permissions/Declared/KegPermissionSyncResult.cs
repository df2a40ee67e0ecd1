namespace KegAuth;

/// <summary>What <see cref="KegPermissionSync"/> changed (or, in a dry run, would change), as tokens in ordinal order.</summary>
/// <param name="Added">Declared tokens that were missing from the table.</param>
/// <param name="Updated">Tokens whose description changed.</param>
/// <param name="Removed">Tokens in the table that nothing declares (empty when they are kept).</param>
/// <param name="DryRun">Whether nothing was written.</param>
public sealed record KegPermissionSyncResult(IReadOnlyList<string> Added, IReadOnlyList<string> Updated, IReadOnlyList<string> Removed, bool DryRun)
{
    /// <summary>Whether the table already matched the declarations.</summary>
    public bool IsUnchanged => Added.Count == 0 && Updated.Count == 0 && Removed.Count == 0;

    /// <summary>One line for people and logs, e.g. <c>added 2 (a, b), updated 0, removed 1 (c)</c>.</summary>
    public override string ToString() =>
        (DryRun ? "would have " : string.Empty)
        + "added " + Describe(Added) + ", updated " + Describe(Updated) + ", removed " + Describe(Removed);

    private static string Describe(IReadOnlyList<string> tokens) =>
        tokens.Count == 0 ? "0" : tokens.Count + " (" + string.Join(", ", tokens) + ")";
}
