namespace KegAuth.Generators.Emitting;

/// <summary><c>global::</c>-qualified names used in emitted code, in one place.</summary>
internal static class KnownTypes
{
    public const string PasswordHash = "global::KegAuth.PasswordHash";
    public const string Options = "global::KegAuth.KegAuthOptions";
    public const string InvalidTokenException = "global::KegAuth.InvalidTokenException";
    public const string UserSupport = "global::KegAuth.Infrastructure.KegUserSupport";
    public const string ResetTokens = "global::KegAuth.Infrastructure.KegResetTokens";
    public const string TokenUserId = "global::KegAuth.Infrastructure.KegTokenUserId";
    public const string ApiTokens = "global::KegAuth.Infrastructure.KegApiTokens";
    public const string PermissionSupport = "global::KegAuth.Infrastructure.KegPermissionSupport";
    public const string IKegUser = "global::KegAuth.IKegUser";
    public const string IKegUserEmail = "global::KegAuth.IKegUserEmail";
    public const string IKegUserToken = "global::KegAuth.IKegUserToken";
    public const string IKegUserTotp = "global::KegAuth.IKegUserTotp";
    public const string TotpSupport = "global::KegAuth.Infrastructure.KegUserTotpSupport";
    public const string TotpEnrollment = "global::KegAuth.KegTotpEnrollment";
    public const string RecoveryCodes = "global::KegAuth.KegRecoveryCodes";
    public const string IKegUserPasskeys = "global::KegAuth.IKegUserPasskeys";
    public const string Passkey = "global::KegAuth.KegPasskey";
    public const string IKegAttempt = "global::KegAuth.IKegAttempt";
    public const string IKegPermission = "global::KegAuth.IKegPermission";
    public const string IKegBundle = "global::KegAuth.IKegBundle";
    public const string IKegGroup = "global::KegAuth.IKegGroup";
    public const string IKegPermissionUser = "global::KegAuth.IKegPermissionUser";
    public const string Attempts = "global::KegAuth.KegAttempts";
    public const string AttemptType = "global::KegAuth.AttemptType";
    public const string DbContext = "global::Microsoft.EntityFrameworkCore.DbContext";
    public const string EfQueryable = "global::Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions";
    public const string LinqQueryable = "global::System.Linq.Queryable";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string DateTime = "global::System.DateTime";
    public const string MaxLength = "global::System.ComponentModel.DataAnnotations.MaxLength";
    public const string NotMapped = "[global::System.ComponentModel.DataAnnotations.Schema.NotMapped]";
    public const string Index = "global::Microsoft.EntityFrameworkCore.Index";

    /// <summary>An <c>Expression&lt;Func&lt;T, DateTime, bool&gt;&gt;</c> over the entity <paramref name="entity"/>.</summary>
    public static string TimeRule(string entity) =>
        "global::System.Linq.Expressions.Expression<global::System.Func<" + entity + ", " + DateTime + ", bool>>";

    /// <summary>A <c>Task&lt;T&gt;</c> of <paramref name="type"/>.</summary>
    public static string Task(string type) => "global::System.Threading.Tasks.Task<" + type + ">";

    /// <summary>An <c>IQueryable&lt;T&gt;</c> of <paramref name="type"/>.</summary>
    public static string Queryable(string type) => "global::System.Linq.IQueryable<" + type + ">";

    /// <summary>An <c>IReadOnlySet&lt;T&gt;</c> of <paramref name="type"/>.</summary>
    public static string ReadOnlySet(string type) => "global::System.Collections.Generic.IReadOnlySet<" + type + ">";

    /// <summary>An <c>ICollection&lt;T&gt;</c> of <paramref name="type"/>.</summary>
    public static string Collection(string type) => "global::System.Collections.Generic.ICollection<" + type + ">";

    /// <summary>A <c>HashSet&lt;T&gt;</c> of <paramref name="type"/>.</summary>
    public static string HashSet(string type) => "global::System.Collections.Generic.HashSet<" + type + ">";

    /// <summary>The runtime's permission resolution for <paramref name="root"/> (a user or group) and <paramref name="permission"/>.</summary>
    public static string PermissionQuery(string root, string permission) => "global::KegAuth.Infrastructure.KegPermissionQuery<" + root + ", " + permission + ">";

    /// <summary>A unique-index attribute on <paramref name="property"/>.</summary>
    public static string UniqueIndex(string property) => "[" + Index + "(nameof(" + property + "), IsUnique = true)]";
}
