namespace KegAuth.Generators.Emitting;

/// <summary><c>global::</c>-qualified names used by the permission, bundle, group and registry emitters.</summary>
internal static class PermissionTypes
{
    public const string IKegPermission = "global::KegAuth.IKegPermission";
    public const string IKegBundle = "global::KegAuth.IKegBundle";
    public const string IKegGroup = "global::KegAuth.IKegGroup";
    public const string IKegPermissionUser = "global::KegAuth.IKegPermissionUser";
    public const string EntityKind = "global::KegAuth.KegEntityKind";
    public const string Support = "global::KegAuth.Infrastructure.KegPermissionSupport";
    public const string DbContext = "global::Microsoft.EntityFrameworkCore.DbContext";
    public const string EfQueryable = "global::Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions";
    public const string LinqQueryable = "global::System.Linq.Queryable";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Type = "global::System.Type";

    /// <summary>The null check of parameter <paramref name="name"/>.</summary>
    public static string ThrowIfNull(string name) => "global::System.ArgumentNullException.ThrowIfNull(" + name + ");";

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    public static string Task(string type) => "global::System.Threading.Tasks.Task<" + type + ">";

    /// <summary><c>IReadOnlySet&lt;T&gt;</c>.</summary>
    public static string ReadOnlySet(string type) => "global::System.Collections.Generic.IReadOnlySet<" + type + ">";

    /// <summary><c>IQueryable&lt;T&gt;</c>.</summary>
    public static string Queryable(string type) => "global::System.Linq.IQueryable<" + type + ">";

    /// <summary>The runtime's permission resolution for <paramref name="root"/> (a user or group) and <paramref name="permission"/>.</summary>
    public static string Query(string root, string permission) => "global::KegAuth.Infrastructure.KegPermissionQuery<" + root + ", " + permission + ">";

    /// <summary>A collection navigation of <paramref name="type"/>, initialised empty.</summary>
    public static string Collection(string name, string type) =>
        "public global::System.Collections.Generic.ICollection<" + type + "> " + name + " { get; set; } = new global::System.Collections.Generic.HashSet<" + type + ">();";
}
