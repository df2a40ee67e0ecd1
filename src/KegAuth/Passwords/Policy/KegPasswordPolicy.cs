namespace KegAuth;

/// <summary>
/// The password policy: runs each <see cref="IKegPasswordValidator"/> in order and gathers every
/// problem. <c>AddKegAuth</c> registers it as <see cref="IKegPasswordPolicy"/> (scoped) with the
/// built-in <see cref="KegPasswordRules"/> from <see cref="KegAuthOptions.PasswordPolicy"/> followed
/// by the application's validators. Without dependency injection (a command line, a test) use
/// <see cref="Default"/> or <c>new KegPasswordPolicy(options)</c>.
/// </summary>
public sealed class KegPasswordPolicy : IKegPasswordPolicy
{
    /// <summary>The built-in rules with their default settings, and no other validator.</summary>
    public static KegPasswordPolicy Default { get; } = new(new KegPasswordPolicyOptions());

    /// <summary>Creates a policy of the built-in rules with <paramref name="options"/> and, after them, <paramref name="additionalValidators"/>.</summary>
    /// <param name="options">The built-in rules' settings; copied.</param>
    /// <param name="additionalValidators">Validators to run after the built-in rules.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="additionalValidators"/> is null.</exception>
    /// <exception cref="ArgumentException">A validator is null.</exception>
    /// <exception cref="KegAuthOptionsException">A setting is out of range; the message names it.</exception>
    public KegPasswordPolicy(KegPasswordPolicyOptions options, params IEnumerable<IKegPasswordValidator> additionalValidators)
        : this(Prepend(new KegPasswordRules(options), additionalValidators))
    {
    }

    /// <summary>Creates a policy that runs exactly <paramref name="validators"/>, in order.</summary>
    /// <param name="validators">The validators; with none, every password passes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="validators"/> is null.</exception>
    /// <exception cref="ArgumentException">A validator is null.</exception>
    public KegPasswordPolicy(IEnumerable<IKegPasswordValidator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var list = validators.ToArray();
        if (Array.IndexOf(list, null) >= 0)
        {
            throw new ArgumentException("A password validator is null.", nameof(validators));
        }

        Validators = list;
    }

    /// <summary>The validators this policy runs, in order.</summary>
    public IReadOnlyList<IKegPasswordValidator> Validators { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A validator returned null instead of a list.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<KegPasswordCheck> CheckAsync(string? password, string? loginId, CancellationToken cancellationToken = default)
    {
        password ??= string.Empty;
        var problems = new List<KegPasswordProblem>();
        foreach (var validator in Validators)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = await validator.ValidateAsync(password, loginId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The password validator {validator.GetType().FullName} returned null; return an empty list when the password passes.");
            problems.AddRange(found);
        }

        return problems.Count == 0 ? KegPasswordCheck.Success : new KegPasswordCheck(problems);
    }

    private static IEnumerable<IKegPasswordValidator> Prepend(KegPasswordRules rules, IEnumerable<IKegPasswordValidator> additionalValidators)
    {
        ArgumentNullException.ThrowIfNull(additionalValidators);
        return [rules, .. additionalValidators];
    }
}
