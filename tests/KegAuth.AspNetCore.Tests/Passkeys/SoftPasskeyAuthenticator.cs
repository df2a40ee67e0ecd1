using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace KegAuth.AspNetCore.Tests.Passkeys;

/// <summary>
/// A WebAuthn authenticator in software for HTTP tests: one ES256 discoverable credential, "none"
/// attestation, user present and verified, a signature counter the test can move. It answers the
/// server's options JSON as a browser's <c>toJSON()</c> would, for any origin the test names, so a
/// test can attack the server (wrong origin, replay, another session's challenge, cloned counter).
/// </summary>
public sealed class SoftPasskeyAuthenticator : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The user handle the last registration named.</summary>
    public byte[] UserHandle { get; private set; } = [];

    /// <summary>The counter the next assertion reports (incremented first when <see cref="Counts"/>).</summary>
    public uint SignCount { get; set; }

    /// <summary>Whether each assertion increments <see cref="SignCount"/>; false acts as a synced passkey, always 0.</summary>
    public bool Counts { get; set; } = true;

    /// <summary>Whether assertions report the user verified (PIN, biometrics); false acts as a security key that only checks presence.</summary>
    public bool UserVerified { get; set; } = true;

    /// <summary>Answers creation options: the registration's credential JSON.</summary>
    public string Create(string optionsJson, string origin)
    {
        var options = JsonNode.Parse(optionsJson)!;
        UserHandle = WebEncoders.Base64UrlDecode(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", options["challenge"]!.GetValue<string>(), origin);
        var authData = AuthenticatorData(options["rp"]!["id"]!.GetValue<string>(), attested: true);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString("none");
        writer.WriteTextString("attStmt");
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteTextString("authData");
        writer.WriteByteString(authData);
        writer.WriteEndMap();
        return JsonSerializer.Serialize(new
        {
            id = B64(CredentialId),
            rawId = B64(CredentialId),
            type = "public-key",
            response = new { clientDataJSON = B64(clientData), attestationObject = B64(writer.Encode()), transports = new[] { "internal" } },
            clientExtensionResults = new { },
        });
    }

    /// <summary>Answers request options: the assertion's credential JSON.</summary>
    public string Get(string optionsJson, string origin, string? rpId = null)
    {
        var options = JsonNode.Parse(optionsJson)!;
        if (Counts)
        {
            SignCount++;
        }

        var clientData = ClientData("webauthn.get", options["challenge"]!.GetValue<string>(), origin);
        var authData = AuthenticatorData(rpId ?? options["rpId"]!.GetValue<string>(), attested: false);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = B64(CredentialId),
            rawId = B64(CredentialId),
            type = "public-key",
            response = new { clientDataJSON = B64(clientData), authenticatorData = B64(authData), signature = B64(signature), userHandle = B64(UserHandle) },
            clientExtensionResults = new { },
        });
    }

    public void Dispose() => _key.Dispose();

    private static byte[] ClientData(string type, string challenge, string origin)
        => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, bool attested)
    {
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)))
        {
            // User present, user verified (always at registration), and for a registration attested credential data.
            (byte)(0x01 | (attested || UserVerified ? 0x04 : 0) | (attested ? 0x40 : 0)),
        };
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, SignCount);
        data.AddRange(count);
        if (attested)
        {
            data.AddRange(new byte[16]);
            data.Add((byte)(CredentialId.Length >> 8));
            data.Add((byte)CredentialId.Length);
            data.AddRange(CredentialId);
            data.AddRange(CosePublicKey());
        }

        return [.. data];
    }

    private byte[] CosePublicKey()
    {
        var point = _key.ExportParameters(false).Q;
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteInt32(-7);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(point.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(point.Y!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static string B64(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);
}
