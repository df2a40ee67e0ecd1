namespace KegAuth;

/// <summary>The codes of the problems the built-in rules (<see cref="KegPasswordRules"/>) report.</summary>
/// <remarks>
/// Stable: clients switch on them. Application validators should use their own codes, in the same
/// kebab-case style.
/// </remarks>
public static class KegPasswordProblemCodes
{
    /// <summary>Fewer characters than <see cref="KegPasswordPolicyOptions.MinLength"/> (also a null or empty password).</summary>
    public const string TooShort = "too-short";

    /// <summary>More UTF-8 bytes than <see cref="KegPasswordPolicyOptions.MaxUtf8Bytes"/>; bcrypt would ignore the rest.</summary>
    public const string TooLong = "too-long";

    /// <summary>Fewer kinds of character than <see cref="KegPasswordPolicyOptions.RequiredCharacterClasses"/>.</summary>
    public const string TooFewCharacterClasses = "too-few-character-classes";

    /// <summary>The password contains the login id (for an email, its local part), ignoring case.</summary>
    public const string ContainsLoginId = "contains-login-id";

    /// <summary>The password is on the shipped list of common passwords (<see cref="KegCommonPasswords"/>), ignoring case.</summary>
    public const string CommonPassword = "common-password";

    /// <summary>The password has a control character (such as NUL, tab or newline) or an unpaired surrogate, which has no UTF-8 form.</summary>
    public const string InvalidCharacters = "invalid-characters";
}
