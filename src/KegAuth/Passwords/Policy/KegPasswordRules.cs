namespace KegAuth;

/// <summary>
/// The built-in password rules, set by <see cref="KegPasswordPolicyOptions"/>: minimum length,
/// bcrypt's maximum, kinds of character, the login id, the common-password list, and no control
/// characters or invalid Unicode. Reports every rule the password breaks, never the password
/// itself, and never throws for any input. Registered first by <c>AddKegAuth</c>; usable alone
/// through <see cref="Check"/>.
/// </summary>
public sealed class KegPasswordRules : IKegPasswordValidator
{
    /// <summary>
    /// The shortest login id (or email local part), in characters, that <see cref="KegPasswordPolicyOptions.RejectLoginId"/>
    /// looks for: 3. A shorter one, such as <c>al</c>, would refuse many ordinary passwords that merely
    /// contain those letters, without making any password harder to guess.
    /// </summary>
    public const int MinLoginIdLengthChecked = 3;

    private readonly KegPasswordPolicyOptions _options;

    /// <summary>Creates the rules with keg-auth's defaults plus KegAuth's maximum length and common-password list.</summary>
    public KegPasswordRules()
        : this(new KegPasswordPolicyOptions())
    {
    }

    /// <summary>Creates the rules from <paramref name="options"/>, copied: later changes to them have no effect.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="KegAuthOptionsException">A setting is out of range; the message names it.</exception>
    public KegPasswordRules(KegPasswordPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.GetErrors(nameof(KegPasswordPolicyOptions));
        if (errors.Count > 0)
        {
            throw new KegAuthOptionsException(errors);
        }

        _options = options.Clone();
    }

    /// <summary>
    /// Checks <paramref name="password"/> against every rule at once. Null counts as empty. The
    /// problems come in this order: <c>invalid-characters</c>, <c>too-short</c>, <c>too-long</c>,
    /// <c>too-few-character-classes</c>, <c>contains-login-id</c>, <c>common-password</c>
    /// (see <see cref="KegPasswordProblemCodes"/>).
    /// </summary>
    /// <param name="password">The new password.</param>
    /// <param name="loginId">The user's username or email, when known.</param>
    /// <returns>Every rule the password breaks; empty when it passes.</returns>
    public IReadOnlyList<KegPasswordProblem> Check(string? password, string? loginId)
    {
        password ??= string.Empty;
        var scan = PasswordScan.Of(password);
        var problems = new List<KegPasswordProblem>();

        if (scan.HasInvalidCharacters)
        {
            problems.Add(new(KegPasswordProblemCodes.InvalidCharacters,
                "The password may not contain control characters (such as tab or newline) or invalid Unicode."));
        }

        if (scan.CodePoints < _options.MinLength)
        {
            problems.Add(new(KegPasswordProblemCodes.TooShort,
                $"The password must be at least {_options.MinLength} characters long."));
        }

        if (scan.Utf8Bytes > _options.MaxUtf8Bytes)
        {
            problems.Add(new(KegPasswordProblemCodes.TooLong,
                $"The password must be at most {_options.MaxUtf8Bytes} bytes long in UTF-8: {_options.MaxUtf8Bytes} plain ASCII characters, fewer with accented letters or emoji."));
        }

        if (scan.CharacterClasses < _options.RequiredCharacterClasses)
        {
            problems.Add(new(KegPasswordProblemCodes.TooFewCharacterClasses,
                $"The password must include at least {_options.RequiredCharacterClasses} of: a lowercase letter, an uppercase letter, a digit, another character (punctuation or a symbol)."));
        }

        if (_options.RejectLoginId && ContainsLoginId(password, loginId))
        {
            problems.Add(new(KegPasswordProblemCodes.ContainsLoginId,
                "The password may not contain the username (for an email address, the part before the @)."));
        }

        if (_options.RejectCommonPasswords && !scan.HasInvalidCharacters && KegCommonPasswords.Contains(password))
        {
            problems.Add(new(KegPasswordProblemCodes.CommonPassword,
                "The password is on a list of commonly used passwords; choose one that is harder to guess."));
        }

        return problems;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Check(password, loginId));
    }

    /// <summary>
    /// The part of <paramref name="loginId"/> a password may not contain: an email's local part
    /// (before the first <c>@</c>, as keg-auth splits it), else the whole id; trimmed. Null when
    /// there is none or it is shorter than <see cref="MinLoginIdLengthChecked"/>.
    /// </summary>
    internal static string? ForbiddenPart(string? loginId)
    {
        if (string.IsNullOrWhiteSpace(loginId))
        {
            return null;
        }

        var at = loginId.IndexOf('@', StringComparison.Ordinal);
        var part = (at >= 0 ? loginId[..at] : loginId).Trim();
        return part.Length >= MinLoginIdLengthChecked ? part : null;
    }

    private static bool ContainsLoginId(string password, string? loginId) =>
        ForbiddenPart(loginId) is { } part && password.Contains(part, StringComparison.OrdinalIgnoreCase);
}
