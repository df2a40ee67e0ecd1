namespace KegAuth.AspNetCore.Passkeys;

/// <summary>The rule for a passkey's name, shared by registration and rename.</summary>
internal static class KegPasskeyNames
{
    /// <summary>The name a passkey registered without one gets.</summary>
    public const string Default = "Passkey";

    /// <summary>The trimmed name, or <see langword="null"/> when it is empty, too long or holds control characters.</summary>
    public static string? Clean(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > KegPasskey.MaxNameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>Transports as stored: lower-case WebAuthn names, comma-separated; null when none.</summary>
    public static string? JoinTransports(Fido2NetLib.Objects.AuthenticatorTransport[]? transports)
        => transports is { Length: > 0 } ? string.Join(',', transports.Select(t => t.ToString().ToLowerInvariant()).Distinct()) : null;

    /// <summary>Stored transports as a list.</summary>
    public static IReadOnlyList<string> SplitTransports(string? transports)
        => string.IsNullOrEmpty(transports) ? [] : transports.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
