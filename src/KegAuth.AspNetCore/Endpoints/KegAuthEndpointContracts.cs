namespace KegAuth.AspNetCore;

/// <summary>The body of <c>POST /login</c>.</summary>
/// <param name="LoginId">The username or email.</param>
/// <param name="Password">The password.</param>
/// <param name="Remember">Whether the cookie outlives the browser session.</param>
public sealed record KegLoginRequest(string? LoginId, string? Password, bool Remember = false);

/// <summary>The answer to a successful <c>POST /login</c>.</summary>
/// <param name="LoginId">The signed-in user's login id as stored.</param>
public sealed record KegLoginResponse(string LoginId);

/// <summary>The body of <c>POST /forgot-password</c>.</summary>
/// <param name="LoginId">The username or email.</param>
public sealed record KegForgotPasswordRequest(string? LoginId);

/// <summary>The body of <c>POST /reset-password</c>.</summary>
/// <param name="UserKey">The user key from the reset link.</param>
/// <param name="Token">The token from the reset link.</param>
/// <param name="NewPassword">The new password.</param>
public sealed record KegResetPasswordRequest(string? UserKey, string? Token, string? NewPassword);

/// <summary>The body of <c>POST /change-password</c>.</summary>
/// <param name="CurrentPassword">The current password.</param>
/// <param name="NewPassword">The new password.</param>
public sealed record KegChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The answer to <c>POST /api-token</c>: the token, shown once.</summary>
/// <param name="Token">The API token; only its hash is stored.</param>
public sealed record KegApiTokenResponse(string Token);

/// <summary>The answer to <c>GET /me</c>.</summary>
/// <param name="LoginId">The user's login id.</param>
/// <param name="IsSuperuser">Whether the user holds every permission.</param>
/// <param name="Permissions">The user's permission tokens (direct, through bundles and groups), sorted; empty without a permission model.</param>
public sealed record KegMeResponse(string LoginId, bool IsSuperuser, IReadOnlyList<string> Permissions);

/// <summary>The body of <c>POST /verify-account</c>.</summary>
/// <param name="UserKey">The user key from the verification link.</param>
/// <param name="Token">The token from the verification link.</param>
/// <param name="NewPassword">The password to set.</param>
public sealed record KegVerifyAccountRequest(string? UserKey, string? Token, string? NewPassword);

/// <summary>The body of <c>POST /resend-verification</c>.</summary>
/// <param name="LoginId">The username or email.</param>
public sealed record KegResendVerificationRequest(string? LoginId);

/// <summary>The body of <c>POST /register</c>.</summary>
/// <param name="LoginId">The username or email of the new account.</param>
/// <param name="Password">Its password.</param>
public sealed record KegRegisterRequest(string? LoginId, string? Password);
