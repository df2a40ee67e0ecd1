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

        return errors;
    }
}
