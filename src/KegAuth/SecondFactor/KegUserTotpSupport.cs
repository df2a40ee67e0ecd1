using System.Linq.Expressions;
using KegAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// <see cref="Verify"/> for a sign-in: the code's step is recorded in the database by one
    /// conditional update that only a newer step passes, so two requests racing with the same code
    /// cannot both succeed (the in-memory check alone lets both through). Nothing to save.
    /// </summary>
    /// <param name="users">The EF Core user set the user came from, such as <c>db.Users</c>.</param>
    /// <param name="user">The user signing in.</param>
    /// <param name="code">What the user typed.</param>
    /// <param name="options">The KegAuth options (clock and protector).</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>Whether the code was right and this request was the one to use it.</returns>
    /// <exception cref="ArgumentException"><paramref name="users"/> is not an EF Core query over an entity with a single key.</exception>
    public static async Task<bool> VerifyOnceAsync<TUser>(IQueryable<TUser> users, TUser user, string? code, KegAuthOptions options, CancellationToken cancellationToken = default)
        where TUser : class, IKegUserTotp
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        var keyProperty = KeyPropertyOf(users);
        if (!user.TotpEnabled || Check(user, code, options) is not { } step)
        {
            return false;
        }

        // Only a step newer than the stored one passes: the first of two racing requests wins.
        var stored = StoredStep<TUser>();
        Expression<Func<long?>> stepValue = () => step;
        var newer = Expression.OrElse(Expression.Equal(stored.Body, Expression.Constant(null, typeof(long?))), Expression.LessThan(stored.Body, stepValue.Body));
        if (!await UpdateIfAsync(users, keyProperty, user, stored, newer, step, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        user.TotpLastStep = step;
        return true;
    }

    /// <summary>
    /// <see cref="RedeemRecoveryCode"/> for a sign-in: the code is removed in the database by one
    /// conditional update on the stored codes as read, so a code raced by two requests is used by
    /// one. Nothing to save.
    /// </summary>
    /// <param name="users">The EF Core user set the user came from, such as <c>db.Users</c>.</param>
    /// <param name="user">The user signing in.</param>
    /// <param name="code">What the user typed.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>Whether the code was unused and this request was the one to use it.</returns>
    /// <exception cref="ArgumentException"><paramref name="users"/> is not an EF Core query over an entity with a single key.</exception>
    public static async Task<bool> RedeemRecoveryCodeOnceAsync<TUser>(IQueryable<TUser> users, TUser user, string? code, CancellationToken cancellationToken = default)
        where TUser : class, IKegUserTotp
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var keyProperty = KeyPropertyOf(users);
        var read = user.TotpRecoveryCodes;
        if (!user.TotpEnabled || !KegRecoveryCodes.TryRedeem(read, code, out var remaining))
        {
            return false;
        }

        // Only the codes as read pass: the first of two racing requests wins.
        var stored = StoredCodes<TUser>();
        Expression<Func<string?>> readValue = () => read;
        if (!await UpdateIfAsync(users, keyProperty, user, stored, Expression.Equal(stored.Body, readValue.Body), remaining, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        user.TotpRecoveryCodes = remaining;
        return true;
    }

    // The class's own property, not the interface's: EF Core maps the class.
    private static Expression<Func<TUser, long?>> StoredStep<TUser>() => Column<TUser, long?>(nameof(IKegUserTotp.TotpLastStep));

    private static Expression<Func<TUser, string?>> StoredCodes<TUser>() => Column<TUser, string?>(nameof(IKegUserTotp.TotpRecoveryCodes));

    private static Expression<Func<TUser, TValue>> Column<TUser, TValue>(string name)
    {
        var row = Expression.Parameter(typeof(TUser), "user");
        return Expression.Lambda<Func<TUser, TValue>>(Expression.Property(row, typeof(TUser).GetProperty(name)!), row);
    }

    // UPDATE users SET column = value WHERE key = @key AND TotpEnabled AND condition; true when it wrote the row.
    private static async Task<bool> UpdateIfAsync<TUser, TValue>(
        IQueryable<TUser> users, System.Reflection.PropertyInfo keyProperty, TUser user, Expression<Func<TUser, TValue>> column, Expression condition, TValue value, CancellationToken cancellationToken)
        where TUser : class, IKegUserTotp
    {
        var row = column.Parameters[0];
        var filter = Expression.Lambda<Func<TUser, bool>>(Expression.AndAlso(StillOn(row, keyProperty, user), condition), row);
        var written = await users.Where(filter)
            .ExecuteUpdateAsync(setters => setters.SetProperty(column, value), cancellationToken)
            .ConfigureAwait(false);
        return written == 1;
    }

    private static System.Reflection.PropertyInfo KeyPropertyOf<TUser>(IQueryable<TUser> users)
        => KegQueryRoots.KeyProperty(users.Expression)
            ?? throw new ArgumentException("Pass the EF Core user set (such as db.Users) of an entity with a single key: the update names the row by its key.", nameof(users));

    // The same row, with the second factor still on (a concurrent disable wins).
    private static BinaryExpression StillOn<TUser>(ParameterExpression row, System.Reflection.PropertyInfo keyProperty, TUser user)
        => Expression.AndAlso(
            KegQueryRoots.SameRow(row, keyProperty, keyProperty.GetValue(user)),
            Expression.Property(row, typeof(TUser).GetProperty(nameof(IKegUserTotp.TotpEnabled))!));

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
