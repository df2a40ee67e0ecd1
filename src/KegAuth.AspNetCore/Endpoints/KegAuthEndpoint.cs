namespace KegAuth.AspNetCore;

/// <summary>The routes <c>MapKegAuthEndpoints</c> can map; combine them to choose (edge.md names each route).</summary>
[Flags]
public enum KegAuthEndpoint
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>POST /login</c>.</summary>
    Login = 1 << 0,

    /// <summary><c>POST /logout</c>.</summary>
    Logout = 1 << 1,

    /// <summary><c>POST /logout-everywhere</c>.</summary>
    LogoutEverywhere = 1 << 2,

    /// <summary><c>POST /forgot-password</c>.</summary>
    ForgotPassword = 1 << 3,

    /// <summary><c>POST /reset-password</c>.</summary>
    ResetPassword = 1 << 4,

    /// <summary><c>POST /change-password</c>.</summary>
    ChangePassword = 1 << 5,

    /// <summary><c>POST /api-token</c> and <c>DELETE /api-token</c> (users with <c>[KegUserToken]</c>).</summary>
    ApiToken = 1 << 6,

    /// <summary><c>GET /me</c>.</summary>
    Me = 1 << 7,

    /// <summary><c>POST /verify-account</c>.</summary>
    VerifyAccount = 1 << 8,

    /// <summary><c>POST /resend-verification</c>.</summary>
    ResendVerification = 1 << 9,

    /// <summary><c>POST /register</c>: self-registration, off unless named (it is not part of <see cref="All"/>).</summary>
    Register = 1 << 10,

    /// <summary>The <c>/passkeys</c> routes (with <c>AddPasskeys</c>): ceremonies, list, rename, remove.</summary>
    Passkeys = 1 << 11,

    /// <summary>
    /// <c>GET /totp</c>, <c>POST /totp/begin</c>, <c>/totp/confirm</c>, <c>/totp/recovery-codes</c> and
    /// <c>/totp/disable</c>: the signed-in user's authenticator (users with <c>[KegUserTotp]</c>). The code
    /// step of sign-in, <c>POST /login/second-factor</c>, comes with <see cref="Login"/>.
    /// </summary>
    Totp = 1 << 12,

    /// <summary>Every route except <see cref="Register"/>.</summary>
    All = Login | Logout | LogoutEverywhere | ForgotPassword | ResetPassword | ChangePassword | ApiToken | Me | VerifyAccount | ResendVerification | Totp | Passkeys,
}
