using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// Issue 13 item 4: failed API tokens were free and bcrypt-priced. Failures are now limited per login
/// id and per client address before any work, bcrypt checks run within a bound, and failures are
/// logged. Hash work is counted through <see cref="CountingHashCheck"/>, never timed.
/// </summary>
public sealed class ApiTokenAbuseTests
{
    [Fact]
    public async Task After_a_login_ids_failure_budget_its_tokens_are_refused_with_no_hash_work()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.FailureLimitPerLoginId = 3;
            options.FailureLimitWindow = TimeSpan.FromHours(1);
        });
        var good = await app.AddLegacyUserAsync("victim@example.com");
        var wrong = WrongRawToken(good);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetMeAsync(wrong, $"198.51.100.{i}")).StatusCode);
        }

        Assert.Equal(3, app.Checks.Legacy);

        // Over budget: wrong, right, and a case variant of the email all fail without a bcrypt run.
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            responses.Add(await app.GetMeAsync(wrong, $"198.51.100.{10 + i}"));
        }

        responses.Add(await app.GetMeAsync(good, "198.51.100.77"));
        responses.Add(await app.GetMeAsync(WithLoginId(good, "VICTIM@Example.com"), "198.51.100.78"));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Equal(3, app.Checks.Legacy);
        Assert.All(responses, response => Assert.Equal(TimeSpan.FromMinutes(20), response.Headers.RetryAfter?.Delta));
        Assert.False((await app.StoredTokenAsync("victim@example.com"))!.IsFastTokenHash);
    }

    [Fact]
    public async Task The_client_address_budget_spans_login_ids_and_other_addresses_are_unaffected()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.FailureLimitPerClientAddress = 4;
            options.FailureLimitWindow = TimeSpan.FromHours(1);
        });
        var bob = await app.AddLegacyUserAsync("bob@example.com");
        var carol = await app.AddUserAsync("carol@example.com");

        // Four different login ids, known and unknown, from one address.
        await app.GetMeAsync(WrongRawToken(bob), "203.0.113.5");
        foreach (var unknown in new[] { "nobody1@example.com", "nobody2@example.com", "nobody3@example.com" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetMeAsync(WithLoginId(carol, unknown), "203.0.113.5")).StatusCode);
        }

        var checksBefore = (app.Checks.Fast, app.Checks.Legacy);
        var fromSpentAddress = await app.GetMeAsync(bob, "203.0.113.5");
        var fromSpentAddressCarol = await app.GetMeAsync(carol, "203.0.113.5");

        Assert.Equal(HttpStatusCode.Unauthorized, fromSpentAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromSpentAddressCarol.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), fromSpentAddress.Headers.RetryAfter?.Delta);
        Assert.Equal(checksBefore, (app.Checks.Fast, app.Checks.Legacy));

        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(bob, "203.0.113.6")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(carol, "203.0.113.6")).StatusCode);
    }

    [Fact]
    public async Task Ipv6_clients_are_counted_per_64_network()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.FailureLimitPerClientAddress = 2;
            options.FailureLimitWindow = TimeSpan.FromHours(1);
        });
        var carol = await app.AddUserAsync("carol@example.com");

        await app.GetMeAsync(WrongRawToken(carol), "2001:db8:1:2::1");
        await app.GetMeAsync(WrongRawToken(carol), "2001:db8:1:2::ffff:1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetMeAsync(carol, "2001:db8:1:2:abcd::9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(carol, "2001:db8:1:3::1")).StatusCode);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void Addresses_are_counted_as_ipv4_or_ipv6_64_networks(string? address, string counted) =>
        Assert.Equal(counted, ApiTokens.KegApiTokenFailureLimiter.AddressKey(address is null ? null : IPAddress.Parse(address)));

    [Fact]
    public async Task A_limited_login_id_leaves_other_users_good_tokens_working()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.FailureLimitPerLoginId = 2;
            options.FailureLimitWindow = TimeSpan.FromHours(1);
        });
        var victim = await app.AddLegacyUserAsync("victim@example.com");
        var fast = await app.AddUserAsync("fast@example.com");
        var legacy = await app.AddLegacyUserAsync("legacy@example.com");
        await app.GetMeAsync(WrongRawToken(victim));
        await app.GetMeAsync(WrongRawToken(victim));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetMeAsync(victim)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(fast)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(legacy)).StatusCode);
        Assert.True((await app.StoredTokenAsync("legacy@example.com"))!.IsFastTokenHash);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(legacy)).StatusCode);
        Assert.Equal(3, app.Checks.Legacy);
    }

    [Fact]
    public async Task Parallel_bcrypt_checks_never_exceed_the_bound_and_fast_tokens_do_not_wait_behind_them()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.MaxConcurrentLegacyHashChecks = 2;
            options.LegacyHashCheckQueueLimit = 100;
        });
        var legacyTokens = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            legacyTokens.Add(await app.AddLegacyUserAsync($"legacy{i}@example.com"));
        }

        var fast = await app.AddUserAsync("fast@example.com");
        app.Checks.Hold();

        var legacyRequests = legacyTokens.Select((token, i) => app.GetMeAsync(token, $"192.0.2.{i + 10}")).ToList();
        await WaitUntilAsync(() => app.Checks.LegacyRunning == 2 && app.Checks.LegacyQueued == 6);

        // Two bcrypt checks hold their permits and six wait: a fast-hash token still goes straight through.
        var fastResponse = await app.GetMeAsync(fast);
        Assert.Equal(HttpStatusCode.OK, fastResponse.StatusCode);
        Assert.Equal(2, app.Checks.LegacyRunning);

        app.Checks.Open();
        var responses = await Task.WhenAll(legacyRequests);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(8, app.Checks.Legacy);
        Assert.Equal(2, app.Checks.MaxLegacyRunning);
    }

    [Fact]
    public async Task A_bcrypt_check_that_finds_the_queue_full_fails_at_once_with_no_hash_work_and_a_warning()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.MaxConcurrentLegacyHashChecks = 1;
            options.LegacyHashCheckQueueLimit = 1;
        });
        var first = await app.AddLegacyUserAsync("first@example.com");
        var second = await app.AddLegacyUserAsync("second@example.com");
        var third = await app.AddLegacyUserAsync("third@example.com");
        app.Checks.Hold();

        var running = app.GetMeAsync(first);
        await WaitUntilAsync(() => app.Checks.LegacyRunning == 1);
        var queued = app.GetMeAsync(second);
        await WaitUntilAsync(() => app.Checks.LegacyQueued == 1);

        var refused = await app.GetMeAsync(third);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(1, app.Checks.Legacy);
        app.Checks.Open();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(2, app.Checks.Legacy);
        Assert.Contains(app.Log.Entries, e => e.EventId.Id == 1304 && e.Level == LogLevel.Warning);

        // Busy is not a failure: the third user's budget is untouched and its token works now.
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(third)).StatusCode);
    }

    [Fact]
    public async Task Failures_are_logged_with_stable_ids_and_never_the_token_hash_or_login_id()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.FailureLimitPerLoginId = 2;
            options.FailureLimitWindow = TimeSpan.FromHours(1);
        });
        var good = await app.AddLegacyUserAsync("zq.private.person@example.com");
        var stored = (await app.StoredTokenAsync("zq.private.person@example.com"))!.Hash;
        var wrong = WrongRawToken(good);

        await app.GetMeAsync(wrong, "198.51.100.9");
        await app.GetMeAsync(wrong, "198.51.100.9");
        await app.GetMeAsync(good, "198.51.100.9");

        var entries = app.Log.Entries.Where(e => e.Category == "KegAuth.AspNetCore.ApiTokens").ToList();
        Assert.Equal(2, entries.Count(e => e.EventId.Id == 1301 && e.Level == LogLevel.Information && e.Message.Contains("wrong token", StringComparison.Ordinal)));
        var reached = Assert.Single(entries, e => e.EventId.Id == 1302);
        Assert.Equal(LogLevel.Warning, reached.Level);
        Assert.Contains("198.51.100.9", reached.Message, StringComparison.Ordinal);
        Assert.Single(entries, e => e.EventId.Id == 1303);

        // One fingerprint throughout, and nothing that gives the person or the secrets away.
        var fingerprints = entries.Select(e => System.Text.RegularExpressions.Regex.Match(e.Message, "login id ([0-9a-f]{12})").Groups[1].Value).Distinct().ToList();
        Assert.Single(fingerprints);
        var secrets = new[] { "zq.private.person", "private.person@", good, good.Split('.')[0], good.Split('.')[1], wrong.Split('.')[1], stored };
        foreach (var entry in app.Log.Entries)
        {
            Assert.DoesNotContain(secrets, secret => entry.Message.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_rotation_saved_while_a_bcrypt_token_is_checked_wins_and_the_old_token_is_refused()
    {
        // Issue 13 item 8 at the edge: the upgrade is conditional on the hash just verified.
        await using var app = await ApiTokenWebApp.StartAsync(_ => { });
        var old = await app.AddLegacyUserAsync("ada@example.com");
        app.Checks.Hold();

        var during = app.GetMeAsync(old);
        await WaitUntilAsync(() => app.Checks.LegacyRunning == 1);
        var rotated = await app.RotateAsync("ada@example.com");
        app.Checks.Open();

        Assert.Equal(HttpStatusCode.Unauthorized, (await during).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetMeAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(rotated)).StatusCode);
        Assert.Contains(app.Log.Entries, e => e.EventId.Id == 1306);
    }

    [Theory]
    [InlineData("ada@example.com\0")]
    [InlineData("\0")]
    public async Task A_login_id_with_nul_is_a_plain_401(string loginId)
    {
        // Issue 13 item 10 at the edge (the database-level test runs on PostgreSQL too).
        await using var app = await ApiTokenWebApp.StartAsync(_ => { });
        var good = await app.AddUserAsync("ada@example.com");

        var response = await app.GetMeAsync(WithEncodedLoginId(good, loginId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(app.Log.Entries, e => e.EventId.Id == 1301 && e.Message.Contains("malformed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_limiting_off_failures_are_not_limited()
    {
        await using var app = await ApiTokenWebApp.StartAsync(options =>
        {
            options.LimitFailures = false;
            options.FailureLimitPerLoginId = 1;
        });
        var good = await app.AddLegacyUserAsync("ada@example.com");

        for (var i = 0; i < 5; i++)
        {
            await app.GetMeAsync(WrongRawToken(good));
        }

        Assert.Equal(5, app.Checks.Legacy);
        Assert.Equal(HttpStatusCode.OK, (await app.GetMeAsync(good)).StatusCode);
    }

    [Theory]
    [InlineData(nameof(KegApiTokenOptions.FailureLimitPerLoginId))]
    [InlineData(nameof(KegApiTokenOptions.FailureLimitPerClientAddress))]
    [InlineData(nameof(KegApiTokenOptions.FailureLimitWindow))]
    [InlineData(nameof(KegApiTokenOptions.MaxConcurrentLegacyHashChecks))]
    [InlineData(nameof(KegApiTokenOptions.LegacyHashCheckQueueLimit))]
    public async Task A_limit_that_would_break_limiting_is_refused_at_start_naming_the_setting(string setting)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiTokenWebApp.StartAsync(options =>
        {
            switch (setting)
            {
                case nameof(KegApiTokenOptions.FailureLimitPerLoginId): options.FailureLimitPerLoginId = 0; break;
                case nameof(KegApiTokenOptions.FailureLimitPerClientAddress): options.FailureLimitPerClientAddress = -1; break;
                case nameof(KegApiTokenOptions.FailureLimitWindow): options.FailureLimitWindow = TimeSpan.Zero; break;
                case nameof(KegApiTokenOptions.MaxConcurrentLegacyHashChecks): options.MaxConcurrentLegacyHashChecks = 0; break;
                default: options.LegacyHashCheckQueueLimit = -1; break;
            }
        }));

        Assert.Contains("KegApiTokenOptions." + setting, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The same login id with another raw token.</summary>
    private static string WrongRawToken(string apiToken) => apiToken[..apiToken.IndexOf('.')] + ".wrongRawTokenThatIsNotTheRealOne";

    /// <summary>The same raw token under another login id.</summary>
    private static string WithLoginId(string apiToken, string loginId) => Infrastructure.KegApiTokens.Format(loginId, apiToken[(apiToken.IndexOf('.') + 1)..]);

    /// <summary>The same raw token under a login id the formatter would refuse, encoded by hand.</summary>
    private static string WithEncodedLoginId(string apiToken, string loginId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(loginId)).Replace('+', '-').Replace('/', '_') + apiToken[apiToken.IndexOf('.')..];

    /// <summary>Waits for the server to reach a state; fails the test if it never does (a safety net, not a timing assertion).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 6_000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The server never reached the expected state.");
    }
}
