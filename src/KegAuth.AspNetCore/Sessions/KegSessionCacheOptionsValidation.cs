using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>Refuses session-cache settings that cannot work, at start-up, naming the setting (turn the cache off with <see cref="KegSessionCacheOptions.Enabled"/>).</summary>
internal sealed class KegSessionCacheOptionsValidation : IValidateOptions<KegSessionCacheOptions>
{
    private static readonly TimeSpan MinHeartbeat = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan MaxHeartbeat = TimeSpan.FromHours(1);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, KegSessionCacheOptions options)
    {
        var errors = new List<string>();
        if (options.SizeLimit is < 1 or > 10_000_000)
        {
            errors.Add($"KegSessionCacheOptions.{nameof(KegSessionCacheOptions.SizeLimit)} must be from 1 to 10,000,000; it was {options.SizeLimit}.");
        }

        if (options.FeedHeartbeat < MinHeartbeat || options.FeedHeartbeat > MaxHeartbeat)
        {
            errors.Add($"KegSessionCacheOptions.{nameof(KegSessionCacheOptions.FeedHeartbeat)} must be from 10 milliseconds to 1 hour; it was {options.FeedHeartbeat}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
