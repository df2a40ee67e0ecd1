namespace KegAuth.AspNetCore.UI.Services;

/// <summary>The name of a permission (its token), bundle or group, through KegAuth's interfaces.</summary>
internal static class KegAdminNames
{
    /// <summary>The longest name the tables hold (keg-auth's 1024).</summary>
    public const int MaxLength = 1024;

    /// <summary>The kind of a permission, bundle or group class.</summary>
    public static KegEntityKind KindOf(Type type) =>
        typeof(IKegPermission).IsAssignableFrom(type) ? KegEntityKind.Permission
        : typeof(IKegBundle).IsAssignableFrom(type) ? KegEntityKind.Bundle
        : typeof(IKegGroup).IsAssignableFrom(type) ? KegEntityKind.Group
        : throw new ArgumentException($"{type.Name} is not a KegAuth permission, bundle or group.", nameof(type));

    /// <summary>The row's name.</summary>
    public static string NameOf(object entity) => entity switch
    {
        IKegPermission permission => permission.Token,
        IKegBundle bundle => bundle.Name,
        IKegGroup group => group.Name,
        _ => throw new ArgumentException("Not a KegAuth permission, bundle or group.", nameof(entity)),
    };

    /// <summary>Sets the row's name.</summary>
    public static void SetName(object entity, string name)
    {
        switch (entity)
        {
            case IKegPermission permission:
                permission.Token = name;
                break;
            case IKegBundle bundle:
                bundle.Name = name;
                break;
            case IKegGroup group:
                group.Name = name;
                break;
            default:
                throw new ArgumentException("Not a KegAuth permission, bundle or group.", nameof(entity));
        }
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a row, or null: not blank, no surrounding spaces (two rows
    /// must not differ by a space), no control characters, at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Enter a name."
        : name.Trim().Length != name.Length ? "Remove the spaces at the start or end."
        : name.Any(char.IsControl) ? "Remove the control characters."
        : name.Length > MaxLength ? $"Use at most {MaxLength} characters."
        : null;

    /// <summary>"permission", "bundle" or "group".</summary>
    public static string Noun(KegEntityKind kind) => kind switch
    {
        KegEntityKind.Permission => "permission",
        KegEntityKind.Bundle => "bundle",
        KegEntityKind.Group => "group",
        KegEntityKind.User => "user",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>"permissions", "bundles" or "groups": also the form field of an assignment list.</summary>
    public static string Plural(KegEntityKind kind) => Noun(kind) + "s";
}
