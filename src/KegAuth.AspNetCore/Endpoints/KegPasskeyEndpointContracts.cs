using System.Text.Json;

namespace KegAuth.AspNetCore;

/// <summary>The body of <c>POST /passkeys/register</c>.</summary>
/// <param name="Credential">The new credential's <c>toJSON()</c>.</param>
/// <param name="Name">A name for the passkey; empty gives "Passkey".</param>
public sealed record KegPasskeyRegisterRequest(JsonElement Credential, string? Name = null);

/// <summary>The body of <c>POST /passkeys/sign-in</c>.</summary>
/// <param name="Credential">The assertion's <c>toJSON()</c>.</param>
/// <param name="Remember">Whether the cookie outlives the browser session.</param>
public sealed record KegPasskeySignInRequest(JsonElement Credential, bool Remember = false);

/// <summary>The body of <c>PATCH /passkeys/{id}</c>.</summary>
/// <param name="Name">The new name.</param>
public sealed record KegPasskeyRenameRequest(string? Name);
