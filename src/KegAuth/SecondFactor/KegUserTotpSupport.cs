namespace KegAuth.Infrastructure;

/// <summary>
/// What the generated <c>[KegUserTotp]</c> members call: enrolment, confirmation, verification,
/// recovery codes and disabling, over the four columns of <see cref="IKegUserTotp"/>. Turning the
/// second factor on or off resets the session key, so other sessions end (as a password change does).
/// </summary>
public static class KegUserTotpSupport
{
    /// <summary>
    /// Starts enrolment: a new secret is stored encrypted in <see cref="IKegUserTotp.TotpSecret"/>;
    /// the second factor stays off until <see cref="Confirm"/> sees a code made from it. Starting again
    /// replaces a pending secret. Save the user afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The second factor is already on: disable it first.</exception>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> is empty or contains a colon, or the user has no login id.</exception>
    public static KegTotpEnrollment Begin(IKegUserTotp user, string issuer, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (user.TotpEnabled)
        {
            throw new InvalidOperationException("The authenticator is already on; disable it before enrolling a new one.");
        }

        var secret = KegTotp.NewSecret();
        try
        {
            var enrollment = new KegTotpEnrollment(KegTotp.EncodeSecret(secret), KegTotp.OtpAuthUri(issuer, user.LoginId, secret));
            user.TotpSecret = options.TotpProtector.Protect(secret);
            user.TotpLastStep = null;
            return enrollment;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Turns the second factor on when <paramref name="code"/> is right for the pending secret, and
    /// resets the session key. False, with nothing changed, for a wrong code, no pending secret or a
    /// second factor already on. Never throws for bad input.
    /// </summary>
    public static bool Confirm(IKegUserTotp user, string? code, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (user.TotpEnabled || Check(user, code, options) is not { } step)
        {
            return false;
        }

        user.TotpEnabled = true;
        user.TotpLastStep = step;
        user.ResetSessionKey();
        return true;
    }

    /// <summary>
    /// Whether <paramref name="code"/> is right now; a right code is recorded in
    /// <see cref="IKegUserTotp.TotpLastStep"/> (save the user) so it cannot be used again. False when
    /// the second factor is off. Never throws for bad input.
    /// </summary>
    public static bool Verify(IKegUserTotp user, string? code, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (!user.TotpEnabled || Check(user, code, options) is not { } step)
        {
            return false;
        }

        user.TotpLastStep = step;
        return true;
    }

    /// <summary>New recovery codes replacing any old ones; only their hashes are stored. Show the codes once; save the user.</summary>
    /// <exception cref="InvalidOperationException">The second factor is off.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1 to <see cref="KegRecoveryCodes.MaxCount"/>.</exception>
    public static IReadOnlyList<string> GenerateRecoveryCodes(IKegUserTotp user, int count = KegRecoveryCodes.DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TotpEnabled)
        {
            throw new InvalidOperationException("Recovery codes belong to an authenticator that is on; confirm enrolment first.");
        }

        var codes = KegRecoveryCodes.Generate(count);
        user.TotpRecoveryCodes = KegRecoveryCodes.Hash(codes);
        return codes;
    }

    /// <summary>Uses up one recovery code (save the user). False for a wrong or used code, or when the second factor is off. Never throws for bad input.</summary>
    public static bool RedeemRecoveryCode(IKegUserTotp user, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TotpEnabled || !KegRecoveryCodes.TryRedeem(user.TotpRecoveryCodes, code, out var remaining))
        {
            return false;
        }

        user.TotpRecoveryCodes = remaining;
        return true;
    }

    /// <summary>Turns the second factor off and forgets the secret and the recovery codes; resets the session key when it was on.</summary>
    public static void Disable(IKegUserTotp user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wasOn = user.TotpEnabled;
        user.TotpEnabled = false;
        user.TotpSecret = null;
        user.TotpLastStep = null;
        user.TotpRecoveryCodes = null;
        if (wasOn)
        {
            user.ResetSessionKey();
        }
    }

    private static long? Check(IKegUserTotp user, string? code, KegAuthOptions options)
    {
        byte[]? secret;
        try
        {
            secret = options.TotpProtector.Unprotect(user.TotpSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // An app's own protector (Data Protection) throws for a payload of another key ring.
            secret = null;
        }

        if (secret is null)
        {
            return null;
        }

        try
        {
            return KegTotp.Verify(secret, code, options.TimeProvider.GetUtcNow(), user.TotpLastStep);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }
}
