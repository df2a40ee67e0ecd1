namespace KegAuth.AspNetCore;

/// <summary>What a KegAuth message is for; each kind links to its own page.</summary>
public enum KegMailKind
{
    /// <summary>A password reset the user asked for (keg-auth's reset-password mail).</summary>
    ResetPassword,

    /// <summary>A new account's verification: the user sets a password and the account becomes verified (keg-auth's verify-account mail).</summary>
    VerifyAccount,
}
