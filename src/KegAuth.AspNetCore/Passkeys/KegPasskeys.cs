using System.Security.Cryptography;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.Passkeys;

/// <summary>The passkey service over the app's context, user and attempt types, on the Fido2 library.</summary>
internal sealed class KegPasskeys<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    IKegSignIn<TUser> signIn,
    IDataProtectionProvider protection,
    IOptions<KegPasskeyOptions> passkeyOptions,
    KegPasskeyMetrics metrics,
    KegLoginIdFingerprint fingerprint,
    ILoggerFactory loggers)
    : IKegPasskeys
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserPasskeys
    where TAttempt : class, IKegAttempt, new()
{
    /// <summary>The longest credential JSON read: a real response is a few kilobytes.</summary>
    public const int MaxCredentialJsonLength = 64 * 1024;

    private const int UserHandleLength = 32;

    private readonly ILogger _log = loggers.CreateLogger(KegPasskeyLog.Category);

    private KegPasskeyOptions Settings => passkeyOptions.Value;

    private DbContext Db => users.Context;

    public async Task<string?> BeginRegistrationAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await CookieUserAsync(httpContext).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var existing = await OwnPasskeys(user).Select(p => new { p.CredentialId, p.UserHandle }).ToListAsync(httpContext.RequestAborted).ConfigureAwait(false);

        // One opaque handle per user, kept by its first passkey: never the login id or key.
        var handle = existing.Count > 0 ? existing[0].UserHandle : RandomNumberGenerator.GetBytes(UserHandleLength);
        var options = CreationOptions(user, handle, existing.Select(e => new PublicKeyCredentialDescriptor(e.CredentialId)).ToList());
        new KegPasskeyChallenge(options.Challenge, users.UtcNow, handle, user.SessionKey)
            .Write(httpContext, protection, KegPasskeyChallenge.RegistrationCookie, Settings.ChallengeLifetime);
        return options.ToJson();
    }

    public async Task<KegPasskeyRegistrationResult> CompleteRegistrationAsync(HttpContext httpContext, string? credentialJson, string? name)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var activity = KegAuthActivitySource.Source.StartActivity(KegPasskeyMetrics.RegistrationActivity);
        try
        {
            var result = await RegisterAsync(httpContext, credentialJson, name).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                KegPasskeyRegistrationStatus.Succeeded => Values.Succeeded,
                KegPasskeyRegistrationStatus.NotSignedIn => "not_signed_in",
                KegPasskeyRegistrationStatus.InvalidChallenge => "invalid_challenge",
                KegPasskeyRegistrationStatus.AlreadyRegistered => "already_registered",
                KegPasskeyRegistrationStatus.TooMany => "too_many",
                KegPasskeyRegistrationStatus.InvalidName => "invalid_name",
                _ => "invalid",
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.Registration(outcome);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.Registration(Values.Error);
            throw;
        }
    }

    private async Task<KegPasskeyRegistrationResult> RegisterAsync(HttpContext httpContext, string? credentialJson, string? name)
    {
        var cancellationToken = httpContext.RequestAborted;
        var challenge = KegPasskeyChallenge.Take(httpContext, protection, KegPasskeyChallenge.RegistrationCookie, Settings.ChallengeLifetime, users.UtcNow);
        var user = await CookieUserAsync(httpContext).ConfigureAwait(false);
        if (user is null)
        {
            return new(KegPasskeyRegistrationStatus.NotSignedIn);
        }

        var loginId = fingerprint.Of(user.LoginId);

        // The cookie names the session it was issued to: another user's, or one from before any change of rights, is void.
        if (challenge is null || !FixedTimeEquals(challenge.SessionKey, user.SessionKey))
        {
            KegPasskeyLog.RegistrationRefused(_log, "no usable challenge", loginId);
            return new(KegPasskeyRegistrationStatus.InvalidChallenge);
        }

        var cleanName = string.IsNullOrWhiteSpace(name) ? KegPasskeyNames.Default : KegPasskeyNames.Clean(name);
        if (cleanName is null)
        {
            return new(KegPasskeyRegistrationStatus.InvalidName);
        }

        if (await OwnPasskeys(user).CountAsync(cancellationToken).ConfigureAwait(false) >= Settings.MaxPasskeysPerUser)
        {
            KegPasskeyLog.RegistrationRefused(_log, "too many passkeys", loginId);
            return new(KegPasskeyRegistrationStatus.TooMany);
        }

        var response = Parse<AuthenticatorAttestationRawResponse>(credentialJson);
        if (response?.Response is null)
        {
            KegPasskeyLog.RegistrationRefused(_log, "malformed response", loginId);
            return new(KegPasskeyRegistrationStatus.Invalid);
        }

        var options = CreationOptions(user, challenge.UserHandle, []);
        options.Challenge = challenge.Challenge;
        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await new Fido2(Configuration()).MakeNewCredentialAsync(
                new MakeNewCredentialParams
                {
                    AttestationResponse = response,
                    OriginalOptions = options,
                    IsCredentialIdUniqueToUserCallback = async (args, token) =>
                        !await Db.Set<KegPasskey>().AnyAsync(p => p.CredentialId == args.CredentialId, token).ConfigureAwait(false),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.NonUniqueCredentialId)
        {
            KegPasskeyLog.RegistrationRefused(_log, "credential registered already", loginId);
            return new(KegPasskeyRegistrationStatus.AlreadyRegistered);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Fido2 throws its own exception for a response that does not verify, and others for malformed CBOR or keys.
            KegPasskeyLog.RegistrationRefused(_log, Reason(exception), loginId);
            return new(KegPasskeyRegistrationStatus.Invalid);
        }

        if (credential.Id.Length > KegPasskey.MaxCredentialIdLength)
        {
            KegPasskeyLog.RegistrationRefused(_log, "credential id too long", loginId);
            return new(KegPasskeyRegistrationStatus.Invalid);
        }

        var passkey = new KegPasskey
        {
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            UserHandle = challenge.UserHandle,
            Name = cleanName,
            CreatedUtc = users.UtcNow,
            Transports = KegPasskeyNames.JoinTransports(credential.Transports),
            Aaguid = credential.AaGuid,
        };
        user.Passkeys.Add(passkey);
        var cookie = await httpContext.AuthenticateAsync(KegAuthSchemes.Cookie).ConfigureAwait(false);
        try
        {
            // The interceptor resets the session key: other sessions end; this one is re-issued below.
            await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same credential id first: the unique index refused this one.
            user.Passkeys.Remove(passkey);
            Db.Entry(passkey).State = EntityState.Detached;
            return new(KegPasskeyRegistrationStatus.AlreadyRegistered);
        }

        await signIn.SignInAsync(httpContext, user, cookie.Properties?.IsPersistent ?? false).ConfigureAwait(false);
        KegPasskeyLog.Added(_log, loginId);
        return new(KegPasskeyRegistrationStatus.Succeeded, Info(passkey));
    }

    public Task<string> BeginSignInAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = RequestOptions();
        new KegPasskeyChallenge(options.Challenge, users.UtcNow, [], string.Empty)
            .Write(httpContext, protection, KegPasskeyChallenge.SignInCookie, Settings.ChallengeLifetime);
        return Task.FromResult(options.ToJson());
    }

    public async Task<KegPasskeySignInResult> CompleteSignInAsync(HttpContext httpContext, string? credentialJson, bool isPersistent = false)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var activity = KegAuthActivitySource.Source.StartActivity(KegPasskeyMetrics.SignInActivity);
        try
        {
            var result = await SignInCoreAsync(httpContext, credentialJson, isPersistent).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                KegPasskeySignInStatus.Succeeded => Values.Succeeded,
                KegPasskeySignInStatus.LockedOut => Values.LockedOut,
                KegPasskeySignInStatus.Inactive => Values.Inactive,
                KegPasskeySignInStatus.ClonedAuthenticator => "cloned",
                _ => Values.Failed,
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.SignIn(outcome);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.SignIn(Values.Error);
            throw;
        }
    }

    private async Task<KegPasskeySignInResult> SignInCoreAsync(HttpContext httpContext, string? credentialJson, bool isPersistent)
    {
        var cancellationToken = httpContext.RequestAborted;
        var sourceIp = httpContext.Connection.RemoteIpAddress?.ToString();
        var client = sourceIp ?? "-";
        var challenge = KegPasskeyChallenge.Take(httpContext, protection, KegPasskeyChallenge.SignInCookie, Settings.ChallengeLifetime, users.UtcNow);
        var response = Parse<AuthenticatorAssertionRawResponse>(credentialJson);
        if (challenge is null || response?.Response is null || response.RawId is not { Length: > 0 and <= KegPasskey.MaxCredentialIdLength } rawId)
        {
            KegPasskeyLog.SignInFailed(_log, challenge is null ? "no usable challenge" : "malformed response", "-", client);
            return new(KegPasskeySignInStatus.Failed);
        }

        var passkey = await Db.Set<KegPasskey>().FirstOrDefaultAsync(p => p.CredentialId == rawId, cancellationToken).ConfigureAwait(false);
        var passkeyId = passkey?.Id ?? 0;
        var user = passkey is null ? null : await Db.Set<TUser>().FirstOrDefaultAsync(u => u.Passkeys.Any(p => p.Id == passkeyId), cancellationToken).ConfigureAwait(false);
        if (passkey is null || user is null)
        {
            // An unknown credential names no account to count against; its signature cannot be guessed either.
            KegPasskeyLog.SignInFailed(_log, "unknown passkey", "-", client);
            return new(KegPasskeySignInStatus.Failed);
        }

        var loginId = fingerprint.Of(user.LoginId);
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(Db, user.LoginId, AttemptType.Login, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegPasskeyLog.SignInFailed(_log, "locked out", loginId, client);
            return new(KegPasskeySignInStatus.LockedOut, LockedOutUntilUtc: log.Lockout.BlockedUntilUtc);
        }

        var options = RequestOptions();
        options.Challenge = challenge.Challenge;
        VerifyAssertionResult verified;
        try
        {
            verified = await new Fido2(Configuration()).MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = response,
                    OriginalOptions = options,
                    StoredPublicKey = passkey.PublicKey,
                    StoredSignatureCounter = (uint)Math.Clamp(passkey.SignCount, 0, uint.MaxValue),
                    IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(
                        CryptographicOperations.FixedTimeEquals(args.UserHandle, passkey.UserHandle)
                        && CryptographicOperations.FixedTimeEquals(args.CredentialId, passkey.CredentialId)),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Fido2VerificationException exception) when (exception.Code == Fido2ErrorCode.InvalidSignCount)
        {
            KegPasskeyLog.Cloned(_log, -1, passkey.SignCount, loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.ClonedAuthenticator);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            KegPasskeyLog.SignInFailed(_log, Reason(exception), loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.Failed);
        }

        // WebAuthn: when either count is nonzero, the new one must be higher; Fido2 lets a zero after a nonzero pass.
        if ((verified.SignCount != 0 || passkey.SignCount != 0) && verified.SignCount <= passkey.SignCount)
        {
            KegPasskeyLog.Cloned(_log, verified.SignCount, passkey.SignCount, loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.ClonedAuthenticator);
        }

        // Without user verification a passkey is one factor only: it cannot stand in for the password
        // and the authenticator code of a user who turned the authenticator on.
        if (user is IKegUserTotp { TotpEnabled: true } && !IsUserVerified(response.Response.AuthenticatorData))
        {
            KegPasskeyLog.SignInFailed(_log, "user not verified while the authenticator is on", loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.Failed);
        }

        var now = users.UtcNow;
        if (!user.IsActiveAt(now))
        {
            KegPasskeyLog.SignInFailed(_log, "inactive user", loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.Inactive);
        }

        // One use per challenge, across requests and nodes: the row takes the use only if nothing used
        // it since this challenge was issued and the count is still the one verified against.
        var issued = challenge.IssuedUtc;
        var storedCount = passkey.SignCount;
        var newCount = (long)verified.SignCount;
        var taken = await Db.Set<KegPasskey>()
            .Where(p => p.Id == passkeyId && p.SignCount == storedCount && (p.LastUsedUtc == null || p.LastUsedUtc < issued))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SignCount, newCount).SetProperty(p => p.LastUsedUtc, now), cancellationToken)
            .ConfigureAwait(false);
        if (taken == 0)
        {
            KegPasskeyLog.SignInFailed(_log, "challenge already answered", loginId, client);
            await WatchLockoutAsync(user, sourceIp, cancellationToken).ConfigureAwait(false);
            return new(KegPasskeySignInStatus.Failed);
        }

        Db.Entry(passkey).State = EntityState.Detached;
        log.Attempt.Success = true;
        user.LastLoginUtc = now;
        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        users.Remember(user);
        await signIn.SignInAsync(httpContext, user, isPersistent).ConfigureAwait(false);
        if (_log.IsEnabled(LogLevel.Debug))
        {
            KegPasskeyLog.SignedIn(_log, loginId, client);
        }

        return new(KegPasskeySignInStatus.Succeeded, user.LoginId);
    }

    public async Task<IReadOnlyList<KegPasskeyInfo>> ListAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await CookieUserAsync(httpContext).ConfigureAwait(false);
        if (user is null)
        {
            return [];
        }

        var rows = await OwnPasskeys(user).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.CreatedUtc, p.LastUsedUtc, p.Transports })
            .ToListAsync(httpContext.RequestAborted).ConfigureAwait(false);
        return rows.Select(p => new KegPasskeyInfo(p.Id, p.Name, p.CreatedUtc, p.LastUsedUtc, KegPasskeyNames.SplitTransports(p.Transports))).ToList();
    }

    public async Task<KegPasskeyChangeStatus> RenameAsync(HttpContext httpContext, long id, string? name)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await CookieUserAsync(httpContext).ConfigureAwait(false);
        if (user is null)
        {
            return KegPasskeyChangeStatus.NotSignedIn;
        }

        var clean = KegPasskeyNames.Clean(name);
        if (clean is null)
        {
            return KegPasskeyChangeStatus.InvalidName;
        }

        var passkey = await OwnPasskeys(user).FirstOrDefaultAsync(p => p.Id == id, httpContext.RequestAborted).ConfigureAwait(false);
        if (passkey is null)
        {
            return KegPasskeyChangeStatus.NotFound;
        }

        passkey.Name = clean;
        await Db.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
        return KegPasskeyChangeStatus.Succeeded;
    }

    public async Task<KegPasskeyChangeStatus> RemoveAsync(HttpContext httpContext, long id)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await CookieUserAsync(httpContext).ConfigureAwait(false);
        if (user is null)
        {
            return KegPasskeyChangeStatus.NotSignedIn;
        }

        var passkey = await OwnPasskeys(user).FirstOrDefaultAsync(p => p.Id == id, httpContext.RequestAborted).ConfigureAwait(false);
        if (passkey is null)
        {
            return KegPasskeyChangeStatus.NotFound;
        }

        var cookie = await httpContext.AuthenticateAsync(KegAuthSchemes.Cookie).ConfigureAwait(false);
        Db.Remove(passkey);

        // The interceptor resets the session key: sessions opened with the removed passkey end; this one is re-issued.
        await Db.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
        await signIn.SignInAsync(httpContext, user, cookie.Properties?.IsPersistent ?? false).ConfigureAwait(false);
        metrics.Removal();
        KegPasskeyLog.Removed(_log, fingerprint.Of(user.LoginId));
        return KegPasskeyChangeStatus.Succeeded;
    }

    /// <summary>The user of the request's KegAuth cookie: an API token never manages passkeys (it would turn a token into a browser session).</summary>
    private async Task<TUser?> CookieUserAsync(HttpContext httpContext)
    {
        var cookie = httpContext.User.Identities.Any(identity => identity.IsAuthenticated && identity.AuthenticationType == KegAuthSchemes.Cookie);
        return cookie ? await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false) : null;
    }

    private IQueryable<KegPasskey> OwnPasskeys(TUser user) => Db.Set<TUser>().Where(users.KeyEquals(user)).SelectMany(u => u.Passkeys);

    private Fido2Configuration Configuration()
    {
        var settings = Settings;
        return new Fido2Configuration
        {
            RPID = settings.RelyingPartyId,
            RPName = settings.RelyingPartyName ?? settings.RelyingPartyId,
            Origins = new HashSet<string>(settings.Origins, StringComparer.Ordinal),
            Timeout = (uint)Math.Min(settings.ChallengeLifetime.TotalMilliseconds, uint.MaxValue),
            ChallengeSize = 32,
        };
    }

    // Authenticator data: the relying party id's hash (32 bytes), then the flags; bit 2 is "user verified".
    private static bool IsUserVerified(byte[]? authenticatorData) => authenticatorData is { Length: > 32 } data && (data[32] & 0x04) != 0;

    private UserVerificationRequirement Verification => Settings.RequireUserVerification ? UserVerificationRequirement.Required : UserVerificationRequirement.Preferred;

    private CredentialCreateOptions CreationOptions(TUser user, byte[] handle, IReadOnlyList<PublicKeyCredentialDescriptor> exclude)
        => new Fido2(Configuration()).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = handle, Name = user.LoginId, DisplayName = user.LoginId },
            ExcludeCredentials = exclude,
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = Verification },
            AttestationPreference = AttestationConveyancePreference.None,
        });

    private AssertionOptions RequestOptions()
        => new Fido2(Configuration()).GetAssertionOptions(new GetAssertionOptionsParams { AllowedCredentials = [], UserVerification = Verification });

    /// <summary>After a failed passkey attempt was stored: counts the lockout it started, as password sign-in does.</summary>
    private async Task WatchLockoutAsync(TUser user, string? sourceIp, CancellationToken cancellationToken)
    {
        if (await KegLockoutWatch.StartedAsync<TAttempt>(Db, user.LoginId, AttemptType.Login, sourceIp, cancellationToken).ConfigureAwait(false))
        {
            KegPasskeyLog.SignInFailed(_log, "lockout started", fingerprint.Of(user.LoginId), sourceIp ?? "-");
        }
    }

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json.Length > MaxCredentialJsonLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Reason(Exception exception) => exception is Fido2VerificationException fido ? "verification failed: " + fido.Code : "malformed response: " + exception.GetType().Name;

    private static bool FixedTimeEquals(string left, string right)
        => CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(left), System.Text.Encoding.UTF8.GetBytes(right));

    private static KegPasskeyInfo Info(KegPasskey passkey)
        => new(passkey.Id, passkey.Name, passkey.CreatedUtc, passkey.LastUsedUtc, KegPasskeyNames.SplitTransports(passkey.Transports));
}
