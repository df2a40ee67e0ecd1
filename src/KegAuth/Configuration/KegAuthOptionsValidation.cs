namespace KegAuth;

/// <summary>The rules <see cref="KegAuthOptions.Validate"/> and the DI validator share.</summary>
internal static class KegAuthOptionsValidation
{
    /// <summary>The smallest cost bcrypt accepts.</summary>
    public const int MinWorkFactor = 4;

    /// <summary>The largest cost new hashes may use and stored hashes may demand; see <see cref="KegAuthOptions.MaxPasswordWorkFactor"/>.</summary>
    public const int MaxWorkFactor = KegAuthOptions.MaxPasswordWorkFactor;

    /// <summary>One way to make a good key, for the messages.</summary>
    private const string MakeAKey =
        "Make one with `openssl rand -base64 48` or Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).";

    /// <summary>Returns one message per wrong setting, each naming the setting; empty when all are valid.</summary>
    public static IReadOnlyList<string> GetErrors(KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        AddSecretKeyErrors(errors, options);

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > KegAuthOptions.MaxTokenLifetime)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.TokenLifetime)} must be positive and at most {KegAuthOptions.MaxTokenLifetime.TotalDays} days (a reset link is a bearer credential that waits in mailboxes); it was {options.TokenLifetime}.");
        }

        if (options.PasswordWorkFactor is < MinWorkFactor or > MaxWorkFactor)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.PasswordWorkFactor)} must be a bcrypt cost from {MinWorkFactor} to {MaxWorkFactor} (each step doubles the CPU a login costs; 16 is already seconds); it was {options.PasswordWorkFactor}.");
        }

        if (options.TimeProvider is null)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.TimeProvider)} is required; use TimeProvider.System for the real clock.");
        }

        if (options.Lockout is null)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.Lockout)} is required; leave the default for keg-auth's limits.");
        }
        else
        {
            AddLockoutErrors(errors, nameof(KegLockoutOptions.Login), options.Lockout.Login);
            AddLockoutErrors(errors, nameof(KegLockoutOptions.Forgot), options.Lockout.Forgot);
            AddLockoutErrors(errors, nameof(KegLockoutOptions.Reset), options.Lockout.Reset);
        }

        AddPasswordPolicyErrors(errors, options.PasswordPolicy);
        return errors;
    }

    /// <summary>
    /// Whether <see cref="KegAuthOptions.SecretKey"/> is present and shorter than
    /// <see cref="KegAuthOptions.MinSecretKeyLength"/>, allowed only by the opt-in.
    /// </summary>
    public static bool IsShortSecretKey(KegAuthOptions options) =>
        !string.IsNullOrWhiteSpace(options.SecretKey) && options.SecretKey.Length < KegAuthOptions.MinSecretKeyLength;

    /// <summary>Whether the secret key may sign and check reset tokens: present, and long enough or explicitly allowed short.</summary>
    public static bool IsSecretKeyUsable(KegAuthOptions options) =>
        !string.IsNullOrWhiteSpace(options.SecretKey) && (options.AllowShortSecretKey || !IsShortSecretKey(options));

    /// <summary>The message for a missing or short key; null when the key is usable. Never contains the key.</summary>
    public static string? SecretKeyError(KegAuthOptions options)
    {
        var name = $"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.SecretKey)}";
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            return $"{name} is required: set it to a long random secret (keg-auth SECRET_KEY). {MakeAKey}";
        }

        if (!IsSecretKeyUsable(options))
        {
            return $"{name} must be at least {KegAuthOptions.MinSecretKeyLength} characters: it is the only secret in a reset token's signing key, "
                + $"so a short one can be guessed offline from a reset token the attacker requests for themselves, and then tokens for any user forged. {MakeAKey} "
                + $"An app moving from Python keg-auth that must keep a shorter SECRET_KEY can set {nameof(KegAuthOptions)}.{nameof(KegAuthOptions.AllowShortSecretKey)} = true for now.";
        }

        return null;
    }

    private static void AddSecretKeyErrors(List<string> errors, KegAuthOptions options)
    {
        if (SecretKeyError(options) is { } error)
        {
            errors.Add(error);
        }
    }

    private static void AddPasswordPolicyErrors(List<string> errors, KegPasswordPolicyOptions? policy)
    {
        var prefix = $"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.PasswordPolicy)}";
        if (policy is null)
        {
            errors.Add($"{prefix} is required; leave the default for keg-auth's rules.");
            return;
        }

        errors.AddRange(policy.GetErrors(prefix));
    }

    private static void AddLockoutErrors(List<string> errors, string name, KegLockoutPolicy? policy)
    {
        var prefix = $"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.Lockout)}.{name}";
        if (policy is null)
        {
            errors.Add($"{prefix} is required.");
            return;
        }

        if (policy.Limit < 1)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.Limit)} must be at least 1; it was {policy.Limit}.");
        }

        if (policy.SourceIpLimit < 1)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.SourceIpLimit)} must be at least 1 (or null for Limit); it was {policy.SourceIpLimit}.");
        }

        var max = KegAuthOptions.MaxLockoutDuration;
        if (policy.Timespan <= TimeSpan.Zero || policy.Timespan > max)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.Timespan)} must be positive and at most {max.TotalDays} days; it was {policy.Timespan}.");
        }

        if (policy.LockoutPeriod < TimeSpan.Zero || policy.LockoutPeriod > max)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.LockoutPeriod)} must be from zero to {max.TotalDays} days; it was {policy.LockoutPeriod}.");
        }
    }
}
