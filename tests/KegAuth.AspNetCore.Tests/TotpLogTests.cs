using System.Net;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>What a two-step sign-in writes: its log (no code, secret or login id) and its SQL (each once-only value written once).</summary>
public sealed class TotpLogTests : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private readonly CapturedLog _log = new();
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(new SqliteWebDatabase(), log: _log);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_log_names_the_events_without_codes_secrets_or_the_login_id()
    {
        var totp = await _app.EnrolTotpAsync(await _app.AddUserAsync(Ada));
        using var browser = _app.Browser();
        var right = _app.CodeAt(totp.Secret);
        var wrong = right == "000000" ? "111111" : "000000";

        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(wrong);
        await browser.SecondFactorAsync(right);

        var events = _log.Entries.Where(e => e.Category == "KegAuth.AspNetCore.SignIn").Select(e => e.EventId.Id).ToList();
        Assert.Equal([1701, 1703, 1702], events);
        var secret = KegTotp.EncodeSecret(totp.Secret);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(right, StringComparison.Ordinal) || e.Message.Contains(wrong, StringComparison.Ordinal)
            || e.Message.Contains(secret, StringComparison.OrdinalIgnoreCase) || e.Message.Contains(Ada, StringComparison.OrdinalIgnoreCase)
            || totp.RecoveryCodes.Any(code => e.Message.Contains(code, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_spent_recovery_code_or_step_is_written_once_by_the_conditional_update_not_again_by_the_save()
    {
        // A second write of the codes as this request read them would bring back a code another request spent in between.
        var totp = await _app.EnrolTotpAsync(await _app.AddUserAsync(Ada));
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var before = _log.Entries.Count;

        Assert.Equal(HttpStatusCode.OK, (await browser.SecondFactorAsync(totp.RecoveryCodes[0])).StatusCode);
        var recoveryUpdates = Updates(before, "recovery");
        await browser.PostAsync("/api/auth/logout", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        _app.Clock.Advance(KegTotp.Period);
        await browser.PasswordStepAsync(Ada);
        before = _log.Entries.Count;
        Assert.Equal(HttpStatusCode.OK, (await browser.SecondFactorAsync(_app.CodeAt(totp.Secret))).StatusCode);
        var stepUpdates = Updates(before, "last_step", "laststep");

        Assert.Equal(1, recoveryUpdates);
        Assert.Equal(1, stepUpdates);
    }

    private int Updates(int from, params string[] columns) => _log.Entries.Skip(from)
        .Where(e => e.Category == DbLoggerCategoryCommand && e.Level == LogLevel.Information && e.Message.Contains("UPDATE", StringComparison.OrdinalIgnoreCase))
        .Count(e => columns.Any(column => e.Message.Contains(column, StringComparison.OrdinalIgnoreCase)));

    private const string DbLoggerCategoryCommand = "Microsoft.EntityFrameworkCore.Database.Command";
}
