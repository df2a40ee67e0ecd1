namespace KegAuth;

/// <summary>The rules <see cref="KegAuthOptions.Validate"/> and the DI validator share.</summary>
internal static class KegAuthOptionsValidation
{
    /// <summary>The smallest cost bcrypt accepts.</summary>
    public const int MinWorkFactor = 4;

    /// <summary>The largest cost bcrypt accepts.</summary>
    public const int MaxWorkFactor = 31;

    /// <summary>Returns one message per wrong setting, each naming the setting; empty when all are valid.</summary>
    public static IReadOnlyList<string> GetErrors(KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.SecretKey)} is required: set it to a long random secret (keg-auth SECRET_KEY).");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.TokenLifetime)} must be positive; it was {options.TokenLifetime}.");
        }

        if (options.PasswordWorkFactor is < MinWorkFactor or > MaxWorkFactor)
        {
            errors.Add($"{nameof(KegAuthOptions)}.{nameof(KegAuthOptions.PasswordWorkFactor)} must be a bcrypt cost from {MinWorkFactor} to {MaxWorkFactor}; it was {options.PasswordWorkFactor}.");
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

        return errors;
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

        if (policy.Timespan <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.Timespan)} must be positive; it was {policy.Timespan}.");
        }

        if (policy.LockoutPeriod < TimeSpan.Zero)
        {
            errors.Add($"{prefix}.{nameof(KegLockoutPolicy.LockoutPeriod)} must not be negative; it was {policy.LockoutPeriod}.");
        }
    }
}
