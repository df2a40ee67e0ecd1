using System.Text;

namespace KegAuth.Sample.Web;

/// <summary>
/// The sample's minimal checks on a new account, until it uses KegAuth's password policy: a username
/// without surrounding spaces or control characters, and a password of 8 to 72 UTF-8 bytes.
/// </summary>
public static class SampleRegistration
{
    private const int MinPasswordLength = 8;
    private const int MaxPasswordBytes = 72;
    private const int MaxUsernameLength = 512;

    /// <summary>What is wrong with the new account, or <see langword="null"/>.</summary>
    public static string? Problem(string? username, string? password)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > MaxUsernameLength)
        {
            return $"A username of 1 to {MaxUsernameLength} characters is required.";
        }

        if (username.Trim().Length != username.Length || username.Any(char.IsControl))
        {
            return "A username must not start or end with spaces or hold control characters.";
        }

        return PasswordProblem(password);
    }

    /// <summary>What is wrong with a new password, or <see langword="null"/>.</summary>
    public static string? PasswordProblem(string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            return $"A password needs at least {MinPasswordLength} characters.";
        }

        return Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes
            ? $"A password may hold at most {MaxPasswordBytes} UTF-8 bytes (bcrypt reads no more)."
            : null;
    }
}
