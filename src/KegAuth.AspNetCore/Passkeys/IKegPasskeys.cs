using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>
/// Passkeys (WebAuthn) for the app's <c>[KegUserPasskeys]</c> user, added by <c>AddPasskeys</c>:
/// the registration ceremony for the signed-in user, sign-in without a password (discoverable
/// credentials), and listing, renaming and removing a user's passkeys. Each ceremony's challenge travels
/// in a short-lived, Data Protection-sealed cookie and is good for one response. The JSON endpoints
/// and pages are thin shells over this. Methods never throw for bad input.
/// </summary>
public interface IKegPasskeys
{
    /// <summary>
    /// Starts registering a passkey for the user signed in with a KegAuth cookie (not an API token):
    /// sets the challenge cookie and returns the <c>PublicKeyCredentialCreationOptions</c> as WebAuthn
    /// JSON (for <c>PublicKeyCredential.parseCreationOptionsFromJSON</c>), excluding the user's passkeys.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>The options JSON, or <see langword="null"/> when no user is signed in with a cookie.</returns>
    Task<string?> BeginRegistrationAsync(HttpContext httpContext);

    /// <summary>
    /// Verifies the authenticator's attestation against this session's challenge, origin and relying
    /// party, and stores the passkey. The save resets the user's session key (other sessions end); this
    /// request's cookie is re-issued. The challenge is spent whatever the outcome.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="credentialJson">The credential's <c>toJSON()</c>.</param>
    /// <param name="name">A name for it (1 to <see cref="KegPasskey.MaxNameLength"/> characters, trimmed); empty gives "Passkey".</param>
    /// <returns>The outcome and, on success, the stored passkey.</returns>
    Task<KegPasskeyRegistrationResult> CompleteRegistrationAsync(HttpContext httpContext, string? credentialJson, string? name);

    /// <summary>
    /// Starts a passkey sign-in: sets the challenge cookie and returns the
    /// <c>PublicKeyCredentialRequestOptions</c> as WebAuthn JSON, with no allowed credentials (the
    /// authenticator offers the passkeys it holds for the site).
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>The options JSON.</returns>
    Task<string> BeginSignInAsync(HttpContext httpContext);

    /// <summary>
    /// Verifies the assertion against this session's challenge, the stored public key and sign count,
    /// with the login lockout of the attempt log; on success updates the sign count and last use, sets
    /// <see cref="IKegUser.LastLoginUtc"/> and issues the same cookie session as a password sign-in. A
    /// sign count that does not move forward is refused as a cloned authenticator. The challenge works
    /// once: a replayed response is refused.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="credentialJson">The credential's <c>toJSON()</c>.</param>
    /// <param name="isPersistent">Whether the cookie outlives the browser session.</param>
    /// <returns>The outcome.</returns>
    Task<KegPasskeySignInResult> CompleteSignInAsync(HttpContext httpContext, string? credentialJson, bool isPersistent = false);

    /// <summary>The signed-in user's passkeys, oldest first; empty when nobody is signed in.</summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>The passkeys (never their keys).</returns>
    Task<IReadOnlyList<KegPasskeyInfo>> ListAsync(HttpContext httpContext);

    /// <summary>Renames one of the signed-in user's passkeys.</summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="id">The passkey's <see cref="KegPasskeyInfo.Id"/>.</param>
    /// <param name="name">The new name (1 to <see cref="KegPasskey.MaxNameLength"/> characters, trimmed).</param>
    /// <returns>The outcome.</returns>
    Task<KegPasskeyChangeStatus> RenameAsync(HttpContext httpContext, long id, string? name);

    /// <summary>Removes one of the signed-in user's passkeys; the save resets the user's session key (other sessions end) and this request's cookie is re-issued.</summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="id">The passkey's <see cref="KegPasskeyInfo.Id"/>.</param>
    /// <returns>The outcome.</returns>
    Task<KegPasskeyChangeStatus> RemoveAsync(HttpContext httpContext, long id);
}
