namespace KegAuth.AspNetCore.Accounts;

/// <summary>What a new login id must look like, wherever users are created (registration, the command line).</summary>
internal static class KegNewLoginId
{
    /// <summary>
    /// Whether <paramref name="loginId"/> can name a new account: not blank, no surrounding spaces (two
    /// accounts must not differ by a space), no control characters (they end up in logs and mails), and
    /// no longer than the attempt log's column, so that lockouts count what is stored.
    /// </summary>
    public static bool IsAcceptable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? loginId) =>
        !string.IsNullOrWhiteSpace(loginId)
        && loginId.Trim().Length == loginId.Length
        && !loginId.Any(char.IsControl)
        && loginId.Length <= KegAttempts.MaxUserInputLength;
}
