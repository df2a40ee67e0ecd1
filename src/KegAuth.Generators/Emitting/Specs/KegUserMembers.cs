using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegUser]</c> (keg-auth <c>UserMixin</c>): the columns, the active rule, identity, password and
/// reset tokens. Entity glue only: hashing, token layout and signing live in the runtime's
/// <c>KegAuth.Infrastructure</c>. With <c>[KegUserEmail]</c> the login id is the email, which changes
/// a few bodies here; the email's own members are <see cref="KegUserEmailMembers"/>.
/// </summary>
internal sealed class KegUserMembers : AttributeSpec<UserModel>
{
    public static readonly KegUserMembers Spec = new();

    private KegUserMembers()
        : base("KegUser", "KegUser", Declare())
    {
    }

    public override EntityTypeModel TypeOf(UserModel model) => model.Type;

    public override IEnumerable<string> ClassAttributes(UserModel model) => model.HasEmail
        ? [K.UniqueIndex("SessionKey")]
        : [K.UniqueIndex("Username"), K.UniqueIndex("SessionKey")];

    public override IEnumerable<string> Interfaces(UserModel model) => [UserInterface(model)];

    private static string UserInterface(UserModel m) => K.IKegUser + "<" + m.Type.FullyQualifiedName + ">";

    private static string LoginId(UserModel m) => m.HasEmail ? "Email" : "Username";

    // One rule, written twice from the same text: as C# for memory and as an expression that
    // UseKegAuth inlines into EF Core queries.
    private static string ActiveRule(UserModel m, string target) =>
        $"!({target}DisabledUtc <= utcNow) && {target}IsEnabled" + (m.HasEmail ? $" && {target}IsVerified" : string.Empty);

    // The key as a token's user_id claim; this.@Key, so a key named like a parameter (token, options) never reads the parameter.
    private static string UserId(UserModel m)
    {
        var key = Identifier.This(m.KeyPropertyName);
        return m.KeyKind switch
        {
            KeyKind.Int32 or KeyKind.Int64 => $"{K.TokenUserId}.FromInt64({key})",
            KeyKind.Guid => $"{K.TokenUserId}.FromString({key}.ToString())",
            _ when m.KeyIsNullable => $"{K.TokenUserId}.FromString({key} ?? string.Empty)",
            _ => $"{K.TokenUserId}.FromString({key})",
        };
    }

    // Types spelled out: a user type named 'var' must not capture the out variable.
    private static string ParseKey(KeyKind kind) => kind switch
    {
        KeyKind.Int32 => "int.TryParse(text, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out int key) ? key : null",
        KeyKind.Int64 => "long.TryParse(text, global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out long key) ? key : null",
        KeyKind.Guid => "global::System.Guid.TryParse(text, out global::System.Guid key) ? key : null",
        _ => "text",
    };

    private static IEnumerable<MemberSpec<UserModel>> Declare() =>
    [
        Property("IsEnabled", _ => "bool",
            _ => """<summary>Whether the account is enabled (keg-auth <c>is_enabled</c>). Default <see langword="true"/>; a disabled user is not active.</summary>""",
            _ => "public bool IsEnabled { get; set; } = true;"),
        Property("IsSuperuser", _ => "bool",
            _ => """<summary>Whether the user has every permission (keg-auth <c>is_superuser</c>). Default <see langword="false"/>.</summary>""",
            _ => "public bool IsSuperuser { get; set; }"),
        Property("Password", _ => K.PasswordHash + "?",
            _ => $"""<summary>The password hash (keg-auth <c>password</c>); <see langword="null"/> when no password is set. Set it with <see cref="SetPassword(string, {K.Options})"/>.</summary>""",
            _ => $"public {K.PasswordHash}? Password {{ get; set; }}"),
        Property("Username", _ => "string",
            m => m.HasEmail
                ? """<summary>The username; with an email login it is the <see cref="Email"/> (keg-auth <c>username</c> synonym).</summary>"""
                : """<summary>The username and login id (keg-auth <c>username</c>): at most 512 characters, unique.</summary>""",
            m => m.HasEmail
                ? $$"""
                    {{K.NotMapped}}
                    public string Username
                    {
                        get => Email;
                        set => Email = value;
                    }
                    """
                : $$"""
                    [{{K.MaxLength}}(512)]
                    public string Username { get; set; } = string.Empty;
                    """),
        Property("SessionKey", _ => "string",
            _ => """<summary>The session key (keg-auth <c>session_key</c>): at most 36 characters, unique, a new random value by default. Replacing it ends every session of the user.</summary>""",
            _ => $$"""
                [{{K.MaxLength}}(36)]
                public string SessionKey { get; set; } = {{K.UserSupport}}.NewSessionKey();
                """),
        Property("LastLoginUtc", _ => K.DateTime + "?",
            _ => """<summary>When the user last logged in, in UTC (keg-auth <c>last_login_utc</c>). Logging in invalidates outstanding reset tokens.</summary>""",
            _ => $"public {K.DateTime}? LastLoginUtc {{ get; set; }}"),
        Property("DisabledUtc", _ => K.DateTime + "?",
            _ => """<summary>When the account becomes disabled, in UTC (keg-auth <c>disabled_utc</c>); <see langword="null"/> for never.</summary>""",
            _ => $"public {K.DateTime}? DisabledUtc {{ get; set; }}"),
        Property("IsDisabledByDate", _ => "bool",
            _ => """<summary>Whether <see cref="DisabledUtc"/> has passed, by the system clock (keg-auth <c>is_disabled_by_date</c>). Usable inside EF Core queries with <c>UseKegAuth</c>, where "now" comes from the configured <see cref="global::System.TimeProvider"/>.</summary>""",
            _ => $"""
                {K.NotMapped}
                public bool IsDisabledByDate => DisabledUtc <= {K.DateTime}.UtcNow;
                """),
        Property("IsActive", _ => "bool",
            m => $"""<summary>Whether the user may log in now, by the system clock (keg-auth <c>is_active</c>): enabled{(m.HasEmail ? ", verified" : string.Empty)} and not disabled by date. Usable inside EF Core queries with <c>UseKegAuth</c>, where "now" comes from the configured <see cref="global::System.TimeProvider"/>.</summary>""",
            _ => $"""
                {K.NotMapped}
                public bool IsActive => IsActiveAt({K.DateTime}.UtcNow);
                """),
        Method("IsActiveAt", _ => K.DateTime,
            _ => """
                <summary>Whether the user may log in at <paramref name="utcNow"/>: the <see cref="IsActive"/> rule at an explicit time.</summary>
                <param name="utcNow">The time to judge at, in UTC.</param>
                """,
            m => $"public bool IsActiveAt({K.DateTime} utcNow) => {ActiveRule(m, string.Empty)};"),
        Explicit("IsActiveExpression", m => K.TimeRule(m.Type.FullyQualifiedName),
            _ => """<summary>The <see cref="IsActive"/> rule as an expression, inlined into EF Core queries.</summary>""",
            m => $$"""
                static {{K.TimeRule(m.Type.FullyQualifiedName)}} {{UserInterface(m)}}.IsActiveExpression { get; } =
                    (user, utcNow) => {{ActiveRule(m, "user.")}};
                """),
        Explicit("IsDisabledByDateExpression", m => K.TimeRule(m.Type.FullyQualifiedName),
            _ => """<summary>The <see cref="IsDisabledByDate"/> rule as an expression, inlined into EF Core queries.</summary>""",
            m => $$"""
                static {{K.TimeRule(m.Type.FullyQualifiedName)}} {{UserInterface(m)}}.IsDisabledByDateExpression { get; } =
                    (user, utcNow) => user.DisabledUtc <= utcNow;
                """),
        Explicit("LoginIdEquals", m => $"global::System.Linq.Expressions.Expression<global::System.Func<{m.Type.FullyQualifiedName}, bool>>",
            m => $"""
                <summary>The lookup by login id as an expression EF Core translates: <c>user.{LoginId(m)} == loginId</c>, the value sent as a query parameter.</summary>
                <param name="loginId">The login id to find.</param>
                """,
            m => $"""
                static global::System.Linq.Expressions.Expression<global::System.Func<{m.Type.FullyQualifiedName}, bool>> {UserInterface(m)}.LoginIdEquals(string loginId) =>
                    user => user.{LoginId(m)} == loginId;
                """),
        Explicit("ParseKey", _ => "object?",
            m => $"""
                <summary>The key (<c>{m.KeyPropertyName}</c>) value <paramref name="text"/> names, parsed from invariant text; <see langword="null"/> when it does not parse.</summary>
                <param name="text">The key as text.</param>
                """,
            m => $"""
                static object? {UserInterface(m)}.ParseKey(string text) =>
                    {ParseKey(m.KeyKind)};
                """),
        Property("LoginIdPropertyName", _ => "string",
            m => $"""<summary>The name of the login-id property, <c>"{LoginId(m)}"</c> (keg-auth <c>get_username_key</c>).</summary>""",
            m => $"""public static string LoginIdPropertyName => "{LoginId(m)}";"""),
        Property("LoginId", _ => "string",
            m => $"""<summary>The login id, the value of <see cref="{LoginId(m)}"/> (keg-auth <c>get_username</c>).</summary>""",
            m => $"""
                {K.NotMapped}
                public string LoginId => {LoginId(m)};
                """),
        Property("DisplayValue", _ => "string",
            _ => """<summary>How the user is shown, the login id (keg-auth <c>display_value</c>); part of the reset-token salt.</summary>""",
            _ => $"""
                {K.NotMapped}
                public string DisplayValue => LoginId;
                """),
        Method("GetId", _ => string.Empty,
            _ => """<summary>The id a session stores, the <see cref="SessionKey"/> (keg-auth <c>get_id</c>), so that resetting the key ends the session.</summary>""",
            _ => "public string GetId() => SessionKey;"),
        Method("ResetSessionKey", _ => string.Empty,
            _ => """<summary>Replaces <see cref="SessionKey"/> with a new random value, ending every session of the user (keg-auth <c>reset_session_key</c>).</summary>""",
            _ => $"public void ResetSessionKey() => SessionKey = {K.UserSupport}.NewSessionKey();"),
        Method("SetPassword", _ => "string, " + K.Options,
            _ => $"""
                <summary>Hashes <paramref name="plain"/> with bcrypt at <see cref="{K.Options}.PasswordWorkFactor"/> and stores it in <see cref="Password"/>.</summary>
                <param name="plain">The new password.</param>
                <param name="options">The KegAuth options.</param>
                """,
            _ => $"public void SetPassword(string plain, {K.Options} options) => Password = {K.UserSupport}.HashPassword(plain, options);"),
        Method("GetTokenSalt", _ => string.Empty,
            _ => """<summary>The reset-token salt, byte for byte keg-auth's <c>get_token_salt</c>: a JSON list of the display value, the active flag, the password hash and the last login time. Changing any of them invalidates every earlier token. Uses the system clock for the active flag.</summary>""",
            _ => $"public string GetTokenSalt() => BuildTokenSalt({K.DateTime}.UtcNow);"),
        Method("GetTokenSignature", _ => K.Options,
            _ => """
                <summary>The reset-token signing key: SHA-512 of the salt, <c>"signer"</c> and the secret key (keg-auth <c>get_token_signature</c>).</summary>
                <param name="options">The KegAuth options (secret key and clock).</param>
                """,
            _ => $"public byte[] GetTokenSignature({K.Options} options) => {K.ResetTokens}.GetSignature(BuildTokenSalt(options), options);"),
        Method("TokenGenerate", _ => K.Options,
            _ => $"""
                <summary>Issues a password-reset token (keg-auth <c>token_generate</c>): an HS512 JWT with <c>user_id</c>, <c>iat</c> and <c>exp</c>, valid for <see cref="{K.Options}.TokenLifetime"/> and only until the user's login id, active state, password or last login changes.</summary>
                <param name="options">The KegAuth options (secret key, lifetime and clock).</param>
                """,
            m => $"public string TokenGenerate({K.Options} options) => {K.ResetTokens}.Generate({UserId(m)}, BuildTokenSalt(options), options);"),
        Method("TokenVerify", _ => "string, " + K.Options,
            _ => """
                <summary>Whether <paramref name="token"/> is a valid, unexpired reset token for this user in its current state (keg-auth <c>token_verify</c>). Only HS512 is accepted. Returns <see langword="false"/> on any bad input; never throws.</summary>
                <param name="token">The token the user presented.</param>
                <param name="options">The KegAuth options (secret key, clock, legacy-token acceptance).</param>
                """,
            m => $"""
                public bool TokenVerify(string? token, {K.Options} options) =>
                    options is not null && {K.ResetTokens}.Verify(token, {UserId(m)}, BuildTokenSalt(options), options);
                """),
        Method("ChangePassword", _ => "string, string, " + K.Options,
            m => $"""
                <summary>Sets a new password with a reset token (keg-auth <c>change_password</c>){(m.HasEmail ? " and marks the email verified, since the token reached the user's mailbox" : string.Empty)}. The token is spent: the new password changes the salt.</summary>
                <param name="token">The reset token.</param>
                <param name="newPassword">The new password.</param>
                <param name="options">The KegAuth options.</param>
                <exception cref="{K.InvalidTokenException}">The token does not verify for this user.</exception>
                """,
            // With an email login, the token reached the user's mailbox: that verifies the address.
            m => $$"""
                public void ChangePassword(string token, string newPassword, {{K.Options}} options)
                {
                    if (!TokenVerify(token, options))
                    {
                        throw new {{K.InvalidTokenException}}();
                    }

                    SetPassword(newPassword, options);{{(m.HasEmail ? "\n    IsVerified = true;" : string.Empty)}}
                }
                """),
        Method("BuildTokenSalt", _ => K.DateTime,
            _ => """<summary>The salt with the active flag judged at <paramref name="utcNow"/>.</summary>""",
            _ => $"""
                private string BuildTokenSalt({K.DateTime} utcNow) =>
                    {K.ResetTokens}.BuildSalt(LoginId, IsActiveAt(utcNow), Password, LastLoginUtc);
                """),
        Method("BuildTokenSalt", _ => K.Options,
            _ => """<summary>The salt with the active flag judged by the options' clock.</summary>""",
            _ => $"private string BuildTokenSalt({K.Options} options) => BuildTokenSalt({K.UserSupport}.UtcNow(options));"),
    ];
}
