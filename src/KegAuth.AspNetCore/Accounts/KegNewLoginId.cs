namespace KegAuth.AspNetCore.Accounts;

/// <summary>What a new login id must look like, wherever users are created (registration, the command line).</summary>
internal static class KegNewLoginId
{
    /// <summary>
    /// Whether <paramref name="loginId"/> can name a new account: not blank, no surrounding spaces (two
    /// accounts must not differ by a space), no control characters (they end up in logs and mails), and
    /// no half of a surrogate pair (PostgreSQL cannot store one, and the attempt log would count it under
    /// U+FFFD), and no longer than the attempt log's column, so that lockouts count what is stored.
    /// </summary>
    public static bool IsAcceptable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? loginId) =>
        !string.IsNullOrWhiteSpace(loginId)
        && loginId.Trim().Length == loginId.Length
        && !loginId.Any(char.IsControl)
        && !HasLoneSurrogate(loginId)
        && loginId.Length <= KegAttempts.MaxUserInputLength;

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
