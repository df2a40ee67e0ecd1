namespace KegAuth.AspNetCore.SignIn;

/// <summary>Who must pass the code step, and what callers outside KegAuth see of a pending one.</summary>
internal static class KegSecondFactorGate
{
    /// <summary>Whether the user's authenticator is on (<c>[KegUserTotp]</c> with <see cref="IKegUserTotp.TotpEnabled"/>).</summary>
    public static bool IsRequired(IKegUser user) => user is IKegUserTotp { TotpEnabled: true };

    /// <summary>
    /// The result as the public API promises it: the user only on success. A caller that signs in
    /// whoever <see cref="KegSignInResult{TUser}.User"/> names must not get a half-checked user.
    /// </summary>
    public static KegSignInResult<TUser> WithoutPendingUser<TUser>(KegSignInResult<TUser> result)
        where TUser : class, IKegUser
        => result.Status == KegSignInStatus.SecondFactorRequired ? result with { User = null } : result;
}
