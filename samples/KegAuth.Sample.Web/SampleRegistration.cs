namespace KegAuth.Sample.Web;

/// <summary>The sample's check on a new username: no surrounding spaces or control characters, at most 512 characters.</summary>
public static class SampleRegistration
{
    private const int MaxUsernameLength = 512;

    /// <summary>What is wrong with the new username, or <see langword="null"/>.</summary>
    public static string? UsernameProblem(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > MaxUsernameLength)
        {
            return $"A username of 1 to {MaxUsernameLength} characters is required.";
        }

        return username.Trim().Length != username.Length || username.Any(char.IsControl)
            ? "A username must not start or end with spaces or hold control characters."
            : null;
    }
}
