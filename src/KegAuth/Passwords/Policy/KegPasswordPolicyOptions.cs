using KegAuth.Infrastructure;

namespace KegAuth;

/// <summary>
/// The built-in password rules (<see cref="KegPasswordRules"/>), set through
/// <see cref="KegAuthOptions.PasswordPolicy"/>. The defaults are keg-auth's <c>PasswordPolicy</c>
/// (at least 8 characters, 3 of 4 kinds of character, not containing the login id) plus two rules
/// of KegAuth's own: at most bcrypt's 72 UTF-8 bytes, and not a common password.
/// </summary>
/// <remarks>
/// keg-auth's <c>DefaultPasswordPolicy</c> (length only) is <c>RequiredCharacterClasses = 0,
/// RejectLoginId = false, RejectCommonPasswords = false</c>. NIST SP 800-63B advises against
/// composition rules and for a blocklist: <c>RequiredCharacterClasses = 0</c> with the defaults
/// otherwise follows it.
/// </remarks>
public sealed class KegPasswordPolicyOptions
{
    /// <summary>The default <see cref="MinLength"/>: 8, keg-auth's <c>min_length</c>.</summary>
    public const int DefaultMinLength = 8;

    /// <summary>The default <see cref="RequiredCharacterClasses"/>: 3 of 4, keg-auth's <c>required_min_char_types</c>.</summary>
    public const int DefaultRequiredCharacterClasses = 3;

    /// <summary>The number of character classes: lowercase, uppercase, digit, other.</summary>
    public const int CharacterClassCount = 4;

    /// <summary>The largest <see cref="MaxUtf8Bytes"/>: 72, the most bcrypt reads (<see cref="KegUserSupport.BcryptMaxPasswordBytes"/>).</summary>
    public const int MaxBcryptBytes = KegUserSupport.BcryptMaxPasswordBytes;

    /// <summary>
    /// The fewest characters (Unicode code points, as Python's <c>len</c> counts) a password may have.
    /// At least 1 and at most <see cref="MaxUtf8Bytes"/>. Default 8.
    /// </summary>
    public int MinLength { get; set; } = DefaultMinLength;

    /// <summary>
    /// The most UTF-8 bytes a password may have, from 1 to 72 (the default): bcrypt ignores
    /// everything after byte 72, so a longer password would only seem stronger, and two that share
    /// their first 72 bytes would open each other's accounts. An ASCII character is one byte, an
    /// accented letter two, most emoji four.
    /// </summary>
    public int MaxUtf8Bytes { get; set; } = MaxBcryptBytes;

    /// <summary>
    /// How many of the four kinds of character the password must include: lowercase letters,
    /// uppercase letters, digits, and other characters (punctuation, symbols, letters without case).
    /// Whitespace counts as none of them, as in keg-auth. From 0 (no rule) to 4. Default 3.
    /// </summary>
    /// <remarks>
    /// keg-auth counts ASCII only; KegAuth counts by Unicode category, so <c>é</c> is a lowercase
    /// letter and <c>É</c> an uppercase one.
    /// </remarks>
    public int RequiredCharacterClasses { get; set; } = DefaultRequiredCharacterClasses;

    /// <summary>
    /// Refuse a password that contains the login id, ignoring case; for an email address, its local
    /// part (before the <c>@</c>), as keg-auth does for an email login. Login ids (or local parts)
    /// shorter than <see cref="KegPasswordRules.MinLoginIdLengthChecked"/> characters are not
    /// checked: they would refuse ordinary passwords by accident. Default <see langword="true"/>.
    /// </summary>
    public bool RejectLoginId { get; set; } = true;

    /// <summary>
    /// Refuse a password on the list of common passwords shipped inside the package
    /// (<see cref="KegCommonPasswords"/>, 30,000 entries), ignoring case. Default <see langword="true"/>.
    /// </summary>
    public bool RejectCommonPasswords { get; set; } = true;

    /// <summary>A copy, so that a policy built from these options is not changed by later assignments.</summary>
    internal KegPasswordPolicyOptions Clone() => (KegPasswordPolicyOptions)MemberwiseClone();

    /// <summary>Returns one message per wrong setting, each naming it under <paramref name="prefix"/>; empty when all are valid.</summary>
    internal IReadOnlyList<string> GetErrors(string prefix)
    {
        var errors = new List<string>();
        if (MaxUtf8Bytes is < 1 or > MaxBcryptBytes)
        {
            errors.Add($"{prefix}.{nameof(MaxUtf8Bytes)} must be from 1 to {MaxBcryptBytes} (bcrypt ignores every byte after the 72nd); it was {MaxUtf8Bytes}.");
        }

        if (MinLength < 1)
        {
            errors.Add($"{prefix}.{nameof(MinLength)} must be at least 1; it was {MinLength}.");
        }
        else if (MinLength > MaxUtf8Bytes && MaxUtf8Bytes is >= 1 and <= MaxBcryptBytes)
        {
            errors.Add($"{prefix}.{nameof(MinLength)} must be at most {nameof(MaxUtf8Bytes)} ({MaxUtf8Bytes}), or no password could pass; it was {MinLength}.");
        }

        if (RequiredCharacterClasses is < 0 or > CharacterClassCount)
        {
            errors.Add($"{prefix}.{nameof(RequiredCharacterClasses)} must be from 0 (no rule) to {CharacterClassCount}; it was {RequiredCharacterClasses}.");
        }

        return errors;
    }
}
