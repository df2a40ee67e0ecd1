using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using static KegAuth.Generators.Emitting.MemberWriter;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits the keg-auth <c>UserMixin</c> (and <c>UserEmailMixin</c>, <c>UserTokenMixin</c>) members of one user class. Entity
/// glue only: hashing, token layout and signing live in the runtime's <c>KegAuth.Infrastructure</c>.
/// </summary>
internal static class UserEmitter
{
    /// <summary>The hint name of the user's generated file.</summary>
    public static string HintName(UserModel model) => HintNames.For(model.Type, "KegUser");

    /// <summary>The generated source for <paramref name="model"/>.</summary>
    /// <param name="model">The user.</param>
    /// <param name="registry">The compile-time registry: the registered user also gets the permission members.</param>
    public static string Emit(UserModel model, RegistryModel registry)
    {
        var loginId = model.HasEmail ? "Email" : "Username";
        var self = model.Type.FullyQualifiedName;
        var interfaces = new List<string> { KnownTypes.IKegUser + "<" + self + ">" };
        if (model.HasEmail)
        {
            interfaces.Add(KnownTypes.IKegUserEmail);
        }

        if (model.HasToken)
        {
            interfaces.Add(KnownTypes.IKegUserToken);
        }

        var permissionUser = RelationshipRules.WritesPermissionMembers(model, registry);
        if (permissionUser)
        {
            interfaces.Add(PermissionUserEmitter.Interface);
        }

        var classAttributes = new[] { KnownTypes.UniqueIndex(loginId), KnownTypes.UniqueIndex("SessionKey") };
        return PartialClassWriter.Write(model.Type, classAttributes, interfaces, writer =>
        {
            WriteColumns(writer, model);
            WriteActiveRule(writer, model);
            WriteIdentity(writer, loginId);
            WritePasswordAndTokens(writer, model);
            if (model.HasToken)
            {
                UserTokenEmitter.WriteMembers(writer, model);
            }

            if (permissionUser)
            {
                PermissionUserEmitter.Write(writer, model, registry);
            }
        });
    }

    private static void WriteColumns(SourceWriter writer, UserModel model)
    {
        Write(writer, Summary("Whether the account is enabled (keg-auth <c>is_enabled</c>). Default <see langword=\"true\"/>; a disabled user is not active."),
            "public bool IsEnabled { get; set; } = true;");
        Write(writer, Summary("Whether the user has every permission (keg-auth <c>is_superuser</c>). Default <see langword=\"false\"/>."),
            "public bool IsSuperuser { get; set; }");
        Write(writer, Summary("The password hash (keg-auth <c>password</c>); <see langword=\"null\"/> when no password is set. Set it with <see cref=\"SetPassword(string, " + KnownTypes.Options + ")\"/>."),
            "public " + KnownTypes.PasswordHash + "? Password { get; set; }");

        if (model.HasEmail)
        {
            Write(writer, Summary("The email address and login id (keg-auth <c>email</c>): at most 512 characters, unique, stored lowercased so that lookups ignore case."),
                "[" + KnownTypes.MaxLength + "(512)]",
                "public string Email",
                "{",
                "    get => _email;",
                "    set => _email = " + KnownTypes.UserSupport + ".NormalizeEmail(value);",
                "}");
            Write(writer, Summary("Backs <see cref=\"Email\"/>."), "private string _email = string.Empty;");
            Write(writer, Summary("Whether the email address has been verified (keg-auth <c>is_verified</c>). Default <see langword=\"false\"/>; an unverified user is not active."),
                "public bool IsVerified { get; set; }");
            Write(writer, Summary("The username; with an email login it is the <see cref=\"Email\"/> (keg-auth <c>username</c> synonym)."),
                KnownTypes.NotMapped,
                "public string Username",
                "{",
                "    get => Email;",
                "    set => Email = value;",
                "}");
        }
        else
        {
            Write(writer, Summary("The username and login id (keg-auth <c>username</c>): at most 512 characters, unique."),
                "[" + KnownTypes.MaxLength + "(512)]",
                "public string Username { get; set; } = string.Empty;");
        }

        Write(writer, Summary("The session key (keg-auth <c>session_key</c>): at most 36 characters, unique, a new random value by default. Replacing it ends every session of the user."),
            "[" + KnownTypes.MaxLength + "(36)]",
            "public string SessionKey { get; set; } = " + KnownTypes.UserSupport + ".NewSessionKey();");
        Write(writer, Summary("When the user last logged in, in UTC (keg-auth <c>last_login_utc</c>). Logging in invalidates outstanding reset tokens."),
            "public " + KnownTypes.DateTime + "? LastLoginUtc { get; set; }");
        Write(writer, Summary("When the account becomes disabled, in UTC (keg-auth <c>disabled_utc</c>); <see langword=\"null\"/> for never."),
            "public " + KnownTypes.DateTime + "? DisabledUtc { get; set; }");
    }

    private static void WriteActiveRule(SourceWriter writer, UserModel model)
    {
        // One rule, written twice from the same text: as C# for memory and as an expression that
        // UseKegAuth inlines into EF Core queries.
        var rule = "!(DisabledUtc <= utcNow) && IsEnabled" + (model.HasEmail ? " && IsVerified" : string.Empty);
        var expressionRule = "!(user.DisabledUtc <= utcNow) && user.IsEnabled" + (model.HasEmail ? " && user.IsVerified" : string.Empty);
        var self = model.Type.FullyQualifiedName;
        var iface = KnownTypes.IKegUser + "<" + self + ">";

        Write(writer, Summary("Whether <see cref=\"DisabledUtc\"/> has passed, by the system clock (keg-auth <c>is_disabled_by_date</c>). Usable inside EF Core queries with <c>UseKegAuth</c>, where \"now\" comes from the configured <see cref=\"global::System.TimeProvider\"/>."),
            KnownTypes.NotMapped,
            "public bool IsDisabledByDate => DisabledUtc <= " + KnownTypes.DateTime + ".UtcNow;");
        Write(writer, Summary("Whether the user may log in now, by the system clock (keg-auth <c>is_active</c>): enabled" + (model.HasEmail ? ", verified" : string.Empty) + " and not disabled by date. Usable inside EF Core queries with <c>UseKegAuth</c>, where \"now\" comes from the configured <see cref=\"global::System.TimeProvider\"/>."),
            KnownTypes.NotMapped,
            "public bool IsActive => IsActiveAt(" + KnownTypes.DateTime + ".UtcNow);");
        Write(writer, new[] { "<summary>Whether the user may log in at <paramref name=\"utcNow\"/>: the <see cref=\"IsActive\"/> rule at an explicit time.</summary>", "<param name=\"utcNow\">The time to judge at, in UTC.</param>" },
            "public bool IsActiveAt(" + KnownTypes.DateTime + " utcNow) => " + rule + ";");
        Write(writer, Summary("The <see cref=\"IsActive\"/> rule as an expression, inlined into EF Core queries."),
            "static " + KnownTypes.TimeRule(self) + " " + iface + ".IsActiveExpression { get; } =",
            "    (user, utcNow) => " + expressionRule + ";");
        Write(writer, Summary("The <see cref=\"IsDisabledByDate\"/> rule as an expression, inlined into EF Core queries."),
            "static " + KnownTypes.TimeRule(self) + " " + iface + ".IsDisabledByDateExpression { get; } =",
            "    (user, utcNow) => user.DisabledUtc <= utcNow;");
    }

    private static void WriteIdentity(SourceWriter writer, string loginId)
    {
        Write(writer, Summary("The name of the login-id property, <c>\"" + loginId + "\"</c> (keg-auth <c>get_username_key</c>)."),
            "public static string LoginIdPropertyName => \"" + loginId + "\";");
        Write(writer, Summary("The login id, the value of <see cref=\"" + loginId + "\"/> (keg-auth <c>get_username</c>)."),
            KnownTypes.NotMapped,
            "public string LoginId => " + loginId + ";");
        Write(writer, Summary("How the user is shown, the login id (keg-auth <c>display_value</c>); part of the reset-token salt."),
            KnownTypes.NotMapped,
            "public string DisplayValue => LoginId;");
        Write(writer, Summary("The id a session stores, the <see cref=\"SessionKey\"/> (keg-auth <c>get_id</c>), so that resetting the key ends the session."),
            "public string GetId() => SessionKey;");
        Write(writer, Summary("Replaces <see cref=\"SessionKey\"/> with a new random value, ending every session of the user (keg-auth <c>reset_session_key</c>)."),
            "public void ResetSessionKey() => SessionKey = " + KnownTypes.UserSupport + ".NewSessionKey();");
    }

    private static void WritePasswordAndTokens(SourceWriter writer, UserModel model)
    {
        // this.@Key: a key named like a parameter (token, options) must never read the parameter.
        var key = Identifier.This(model.KeyPropertyName);
        var userId = model.KeyKind switch
        {
            KeyKind.Int32 or KeyKind.Int64 => KnownTypes.TokenUserId + ".FromInt64(" + key + ")",
            KeyKind.Guid => KnownTypes.TokenUserId + ".FromString(" + key + ".ToString())",
            _ when model.KeyIsNullable => KnownTypes.TokenUserId + ".FromString(" + key + " ?? string.Empty)",
            _ => KnownTypes.TokenUserId + ".FromString(" + key + ")",
        };
        var options = KnownTypes.Options + " options";

        Write(writer, new[]
            {
                "<summary>Hashes <paramref name=\"plain\"/> with bcrypt at <see cref=\"" + KnownTypes.Options + ".PasswordWorkFactor\"/> and stores it in <see cref=\"Password\"/>.</summary>",
                "<param name=\"plain\">The new password.</param>",
                "<param name=\"options\">The KegAuth options.</param>",
            },
            "public void SetPassword(string plain, " + options + ") => Password = " + KnownTypes.UserSupport + ".HashPassword(plain, options);");
        Write(writer, Summary("The reset-token salt, byte for byte keg-auth's <c>get_token_salt</c>: a JSON list of the display value, the active flag, the password hash and the last login time. Changing any of them invalidates every earlier token. Uses the system clock for the active flag."),
            "public string GetTokenSalt() => BuildTokenSalt(" + KnownTypes.DateTime + ".UtcNow);");
        Write(writer, new[]
            {
                "<summary>The reset-token signing key: SHA-512 of the salt, <c>\"signer\"</c> and the secret key (keg-auth <c>get_token_signature</c>).</summary>",
                "<param name=\"options\">The KegAuth options (secret key and clock).</param>",
            },
            "public byte[] GetTokenSignature(" + options + ") => " + KnownTypes.ResetTokens + ".GetSignature(BuildTokenSalt(options), options);");
        Write(writer, new[]
            {
                "<summary>Issues a password-reset token (keg-auth <c>token_generate</c>): an HS512 JWT with <c>user_id</c>, <c>iat</c> and <c>exp</c>, valid for <see cref=\"" + KnownTypes.Options + ".TokenLifetime\"/> and only until the user's login id, active state, password or last login changes.</summary>",
                "<param name=\"options\">The KegAuth options (secret key, lifetime and clock).</param>",
            },
            "public string TokenGenerate(" + options + ") => " + KnownTypes.ResetTokens + ".Generate(" + userId + ", BuildTokenSalt(options), options);");
        Write(writer, new[]
            {
                "<summary>Whether <paramref name=\"token\"/> is a valid, unexpired reset token for this user in its current state (keg-auth <c>token_verify</c>). Only HS512 is accepted. Returns <see langword=\"false\"/> on any bad input; never throws.</summary>",
                "<param name=\"token\">The token the user presented.</param>",
                "<param name=\"options\">The KegAuth options (secret key, clock, legacy-token acceptance).</param>",
            },
            "public bool TokenVerify(string? token, " + options + ") =>",
            "    options is not null && " + KnownTypes.ResetTokens + ".Verify(token, " + userId + ", BuildTokenSalt(options), options);");
        Write(writer, new[]
            {
                "<summary>Sets a new password with a reset token (keg-auth <c>change_password</c>)" + (model.HasEmail ? " and marks the email verified, since the token reached the user's mailbox" : string.Empty) + ". The token is spent: the new password changes the salt.</summary>",
                "<param name=\"token\">The reset token.</param>",
                "<param name=\"newPassword\">The new password.</param>",
                "<param name=\"options\">The KegAuth options.</param>",
                "<exception cref=\"" + KnownTypes.InvalidTokenException + "\">The token does not verify for this user.</exception>",
            },
            "public void ChangePassword(string token, string newPassword, " + options + ")",
            "{",
            "    if (!TokenVerify(token, options))",
            "    {",
            "        throw new " + KnownTypes.InvalidTokenException + "();",
            "    }",
            string.Empty,
            "    SetPassword(newPassword, options);",
            model.HasEmail ? "    IsVerified = true;" : null,
            "}");
        Write(writer, Summary("The salt with the active flag judged at <paramref name=\"utcNow\"/>."),
            "private string BuildTokenSalt(" + KnownTypes.DateTime + " utcNow) =>",
            "    " + KnownTypes.ResetTokens + ".BuildSalt(LoginId, IsActiveAt(utcNow), Password, LastLoginUtc);");
        Write(writer, Summary("The salt with the active flag judged by the options' clock."),
            "private string BuildTokenSalt(" + options + ") => BuildTokenSalt(" + KnownTypes.UserSupport + ".UtcNow(options));");
    }
}
