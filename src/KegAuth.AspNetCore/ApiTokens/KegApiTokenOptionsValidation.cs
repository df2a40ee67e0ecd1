using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>Refuses API-token limits that would disable or break limiting, at start-up, naming the setting.</summary>
internal sealed class KegApiTokenOptionsValidation : IValidateOptions<KegApiTokenOptions>
{
    private static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, KegApiTokenOptions options)
    {
        if (name != KegAuthSchemes.ApiToken)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        Range(errors, nameof(KegApiTokenOptions.FailureLimitPerLoginId), options.FailureLimitPerLoginId, 1, 1_000_000);
        Range(errors, nameof(KegApiTokenOptions.FailureLimitPerClientAddress), options.FailureLimitPerClientAddress, 1, 1_000_000);
        Range(errors, nameof(KegApiTokenOptions.MaxConcurrentLegacyHashChecks), options.MaxConcurrentLegacyHashChecks, 1, 1_024);
        Range(errors, nameof(KegApiTokenOptions.LegacyHashCheckQueueLimit), options.LegacyHashCheckQueueLimit, 0, 100_000);
        if (options.FailureLimitWindow < MinWindow || options.FailureLimitWindow > MaxWindow)
        {
            errors.Add($"KegApiTokenOptions.{nameof(KegApiTokenOptions.FailureLimitWindow)} must be from 1 second to 1 day; it was {options.FailureLimitWindow}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"KegApiTokenOptions.{setting} must be from {min} to {max}; it was {value}.");
        }
    }
}
