using QRCoder;

namespace KegAuth.AspNetCore.SecondFactor;

/// <summary>The QR code an authenticator app scans, as SVG markup (QRCoder), from an <c>otpauth://</c> URI.</summary>
internal static class KegTotpQrCode
{
    /// <summary>An SVG of <paramref name="otpAuthUri"/>, black on white, scaled by its view box.</summary>
    public static string Svg(string otpAuthUri)
    {
        using var generator = new QRCodeGenerator();

        // Medium error correction: read reliably off a screen, still a small code.
        using var data = generator.CreateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
