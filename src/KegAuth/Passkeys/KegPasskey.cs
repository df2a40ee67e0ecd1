using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// One passkey (WebAuthn credential) of a <see cref="KegUserPasskeysAttribute"/> user. KegAuth maps it
/// to the table <c>{TableNamespace}_passkeys</c> with a required, cascade-deleted owner column
/// <c>UserId</c> (shadow) and a unique index on <see cref="CredentialId"/>; a user holds several.
/// Adding or removing one resets the owner's session key in the same save.
/// </summary>
[Index(nameof(CredentialId), IsUnique = true)]
public class KegPasskey
{
    /// <summary>The longest credential id WebAuthn allows (bytes).</summary>
    public const int MaxCredentialIdLength = 1023;

    /// <summary>The longest name kept.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The database key.</summary>
    public long Id { get; set; }

    /// <summary>The authenticator's credential id (raw bytes, unique).</summary>
    [MaxLength(MaxCredentialIdLength)]
    public byte[] CredentialId { get; set; } = [];

    /// <summary>The credential's public key, COSE-encoded, as the attestation gave it.</summary>
    [MaxLength(2048)]
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The authenticator's signature counter at the last accepted use; a later use must show a higher one (or zero for authenticators that do not count).</summary>
    public long SignCount { get; set; }

    /// <summary>The WebAuthn user handle the credential was created for (opaque, at most 64 bytes; never the login id).</summary>
    [MaxLength(64)]
    public byte[] UserHandle { get; set; } = [];

    /// <summary>The name the user gave it ("Laptop", "Phone").</summary>
    [MaxLength(MaxNameLength)]
    public string Name { get; set; } = string.Empty;

    /// <summary>When it was registered (UTC).</summary>
    public DateTime CreatedUtc { get; set; }

    /// <summary>When it last signed in (UTC); <see langword="null"/> before its first use.</summary>
    public DateTime? LastUsedUtc { get; set; }

    /// <summary>The transports the authenticator reported (<c>usb</c>, <c>nfc</c>, <c>ble</c>, <c>internal</c>, <c>hybrid</c>), comma-separated, or <see langword="null"/>.</summary>
    [MaxLength(100)]
    public string? Transports { get; set; }

    /// <summary>The authenticator model's AAGUID (all zeros when the authenticator does not say).</summary>
    public Guid Aaguid { get; set; }
}
