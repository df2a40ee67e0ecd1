using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegUserTotp]</c>: an authenticator-app second factor. Four columns and one-line members over
/// the runtime's <c>KegUserTotpSupport</c>, which owns the crypto and the rules.
/// </summary>
internal sealed class KegUserTotpMembers : AttributeSpec<UserMixinModel>
{
    public static readonly KegUserTotpMembers Spec = new();

    private KegUserTotpMembers()
        : base("KegUserTotp", "KegUserTotp", Declare())
    {
    }

    public override EntityTypeModel TypeOf(UserMixinModel model) => model.Type;

    public override IEnumerable<string> Interfaces(UserMixinModel model) => [K.IKegUserTotp];

    private static IEnumerable<MemberSpec<UserMixinModel>> Declare() =>
    [
        Property("TotpSecret", _ => "string?",
            _ => """<summary>The authenticator's shared secret, encrypted (<see cref="global::KegAuth.KegAuthOptions.TotpSecretProtector"/>); <see langword="null"/> before enrolment. Never the secret in the clear.</summary>""",
            _ => $"[{K.MaxLength}(512)]\npublic string? TotpSecret {{ get; set; }}"),
        Property("TotpEnabled", _ => "bool",
            _ => """<summary>Whether signing in asks for an authenticator code; set by <see cref="ConfirmTotp"/>, cleared by <see cref="DisableTotp"/>.</summary>""",
            _ => "public bool TotpEnabled { get; set; }"),
        Property("TotpLastStep", _ => "long?",
            _ => """<summary>The 30-second time step of the last code accepted: that code and older ones are refused, so a code works once.</summary>""",
            _ => "public long? TotpLastStep { get; set; }"),
        Property("TotpRecoveryCodes", _ => "string?",
            _ => """<summary>The unused recovery codes' salted hashes, joined by spaces (<see cref="global::KegAuth.KegRecoveryCodes"/>); never the codes.</summary>""",
            _ => $"[{K.MaxLength}(4200)]\npublic string? TotpRecoveryCodes {{ get; set; }}"),
        Method("BeginTotpEnrollment", _ => $"string, {K.Options}",
            _ => $"""
                <summary>Starts enrolling an authenticator app: stores a new secret (encrypted) and returns it as text and as an <c>otpauth://</c> URI for a QR code. The second factor is on only after <see cref="ConfirmTotp"/>. Save the user.</summary>
                <param name="issuer">The application's name, as the app will show it; no colon.</param>
                <param name="options">The KegAuth options (the secret's protector).</param>
                <returns>The secret to show once.</returns>
                <exception cref="global::System.InvalidOperationException">The second factor is already on.</exception>
                <exception cref="global::System.ArgumentException">The issuer is empty or contains a colon.</exception>
                """,
            _ => $"public {K.TotpEnrollment} BeginTotpEnrollment(string issuer, {K.Options} options) => {K.TotpSupport}.Begin(this, issuer, options);"),
        Method("ConfirmTotp", _ => $"string, {K.Options}",
            _ => """
                <summary>Turns the second factor on when <paramref name="code"/> comes from the enrolled app, and resets the session key so other sessions end. Save the user. Never throws for bad input.</summary>
                <param name="code">The six digits the app shows.</param>
                <param name="options">The KegAuth options (clock and protector).</param>
                <returns>Whether the code was right and the second factor is now on.</returns>
                """,
            _ => $"public bool ConfirmTotp(string? code, {K.Options} options) => {K.TotpSupport}.Confirm(this, code, options);"),
        Method("VerifyTotp", _ => $"string, {K.Options}",
            _ => """
                <summary>Whether <paramref name="code"/> is right now (one time step of clock skew either way); a right code is recorded so it cannot be used again (save the user). False when the second factor is off. Never throws for bad input.</summary>
                <param name="code">The six digits the app shows.</param>
                <param name="options">The KegAuth options (clock and protector).</param>
                """,
            _ => $"public bool VerifyTotp(string? code, {K.Options} options) => {K.TotpSupport}.Verify(this, code, options);"),
        Method("GenerateRecoveryCodes", _ => "int",
            _ => """
                <summary>New one-use recovery codes, replacing the old ones; only their hashes are stored. Show them once; save the user.</summary>
                <param name="count">How many, 1 to 50.</param>
                <returns>The codes.</returns>
                <exception cref="global::System.InvalidOperationException">The second factor is off.</exception>
                """,
            _ => $"public global::System.Collections.Generic.IReadOnlyList<string> GenerateRecoveryCodes(int count = 10) => {K.TotpSupport}.GenerateRecoveryCodes(this, count);"),
        Method("RedeemRecoveryCode", _ => "string",
            _ => """
                <summary>Uses up one recovery code in place of an authenticator code (save the user). False for a wrong or used code. Never throws for bad input.</summary>
                <param name="code">The code as written down; case, spaces and the hyphen do not matter.</param>
                """,
            _ => $"public bool RedeemRecoveryCode(string? code) => {K.TotpSupport}.RedeemRecoveryCode(this, code);"),
        Property("RecoveryCodesLeft", _ => "int",
            _ => """<summary>How many recovery codes are unused.</summary>""",
            _ => $"{K.NotMapped}\npublic int RecoveryCodesLeft => {K.RecoveryCodes}.Count(TotpRecoveryCodes);"),
        Method("DisableTotp", _ => string.Empty,
            _ => """<summary>Turns the second factor off and forgets the secret and the recovery codes; resets the session key when it was on. Save the user.</summary>""",
            _ => $"public void DisableTotp() => {K.TotpSupport}.Disable(this);"),
    ];
}
