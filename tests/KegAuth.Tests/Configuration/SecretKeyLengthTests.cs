using KegAuth.Infrastructure;
using KegAuth.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.Tests.Configuration;

/// <summary>
/// Issue 13 item 3: a guessable <see cref="KegAuthOptions.SecretKey"/> is refused at start-up and
/// by the token code; an app moving from Python keg-auth opts in and is warned.
/// </summary>
public sealed class SecretKeyLengthTests
{
    /// <summary>The review's key: it fell to 15,578 guesses from the attacker's own reset token.</summary>
    private const string ReviewKey = "k9z";

    private static readonly string Key31 = new('k', KegAuthOptions.MinSecretKeyLength - 1);

    private static readonly string Key32 = new('k', KegAuthOptions.MinSecretKeyLength);

    [Theory]
    [InlineData(ReviewKey)]
    [InlineData("not-so-secret-1")]
    [InlineData("0123456789012345678901234567890")]
    public void Validate_refuses_a_short_key_naming_it_saying_why_and_how_to_make_one(string key)
    {
        var error = Assert.Throws<KegAuthOptionsException>(new KegAuthOptions { SecretKey = key }.Validate);

        var message = Assert.Single(error.Errors);
        Assert.Contains("KegAuthOptions.SecretKey", message, StringComparison.Ordinal);
        Assert.Contains("at least 32 characters", message, StringComparison.Ordinal);
        Assert.Contains("only secret in a reset token's signing key", message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 48", message, StringComparison.Ordinal);
        Assert.Contains("AllowShortSecretKey", message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_edge_is_32_characters()
    {
        Assert.NotEmpty(KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = Key31 }));
        Assert.Empty(KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = Key32 }));
    }

    [Fact]
    public void The_opt_in_accepts_a_short_key_but_never_an_empty_one()
    {
        new KegAuthOptions { SecretKey = ReviewKey, AllowShortSecretKey = true }.Validate();

        var error = Assert.Throws<KegAuthOptionsException>(new KegAuthOptions { SecretKey = " ", AllowShortSecretKey = true }.Validate);
        Assert.Contains("SecretKey is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseKegAuth_refuses_a_short_key()
    {
        using var database = new EntityFrameworkCore.SqliteTestDatabase();
        var options = new KegAuthOptions { SecretKey = ReviewKey };

        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var context = database.CreateContext<EntityFrameworkCore.TestEntities.KegTestContext>(options);
            _ = context.Model;
        });

        Assert.Contains("SecretKey", (error.InnerException ?? error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKegAuth_fails_start_up_on_a_short_key()
    {
        using var provider = new ServiceCollection().AddKegAuth(o => o.SecretKey = ReviewKey).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SecretKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKegAuth_with_the_opt_in_starts_and_logs_one_warning_without_the_key()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs));
        using var provider = services.AddKegAuth(o =>
        {
            o.SecretKey = ReviewKey;
            o.AllowShortSecretKey = true;
        }).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("KegAuth.KegAuthOptions", entry.Category);
        Assert.Contains("AllowShortSecretKey", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewKey, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_warning_for_a_long_key_and_no_logging_needed_to_start()
    {
        var logs = new CapturingLoggerProvider();
        using (var provider = new ServiceCollection().AddLogging(b => b.AddProvider(logs))
                   .AddKegAuth(o => { o.SecretKey = Key32; o.AllowShortSecretKey = true; }).BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);

        using var withoutLogging = new ServiceCollection()
            .AddKegAuth(o => { o.SecretKey = ReviewKey; o.AllowShortSecretKey = true; }).BuildServiceProvider();
        withoutLogging.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(ReviewKey, withoutLogging.GetRequiredService<IOptions<KegAuthOptions>>().Value.SecretKey);
    }

    /// <summary>The review's forgery: a token signed with the guessed key is refused, even by options never validated.</summary>
    [Fact]
    public void A_token_signed_with_a_short_key_is_refused_unless_the_app_opted_in()
    {
        var forged = TokenTestKit.SignRaw(
            TokenTestKit.B64(TokenTestKit.Header), TokenTestKit.B64(TokenTestKit.Payload()), TokenTestKit.CurrentKey(secret: ReviewKey));

        Assert.False(TokenTestKit.Verify(forged, TokenTestKit.Options(secret: ReviewKey)));
        Assert.True(TokenTestKit.Verify(forged, TokenTestKit.Options(secret: ReviewKey, allowShortSecret: true)));
    }

    [Fact]
    public void Issuing_with_a_short_key_is_refused_unless_the_app_opted_in()
    {
        var error = Assert.Throws<KegAuthOptionsException>(
            () => KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, TokenTestKit.Options(secret: ReviewKey)));
        Assert.Contains("SecretKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ReviewKey, error.Message, StringComparison.Ordinal);
        Assert.Throws<KegAuthOptionsException>(() => KegResetTokens.GetSignature(TokenTestKit.Salt, TokenTestKit.Options(secret: ReviewKey)));

        var token = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, TokenTestKit.Options(secret: ReviewKey, allowShortSecret: true));
        Assert.True(TokenTestKit.Verify(token, TokenTestKit.Options(secret: ReviewKey, allowShortSecret: true)));
    }

    /// <summary>Collects log entries in memory.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
