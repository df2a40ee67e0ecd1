namespace KegAuth.Generators;

/// <summary>The fully qualified metadata names of the attributes the generator and analyzers look for.</summary>
internal static class KegAttributeNames
{
    public const string Namespace = "KegAuth";
    public const string User = "KegAuth.KegUserAttribute";
    public const string Attempt = "KegAuth.KegAttemptAttribute";
    public const string Permission = "KegAuth.KegPermissionAttribute";
    public const string Bundle = "KegAuth.KegBundleAttribute";
    public const string Group = "KegAuth.KegGroupAttribute";
    public const string PermissionSet = "KegAuth.KegPermissionSetAttribute";
    public const string PermissionToken = "KegAuth.KegPermissionTokenAttribute";

    /// <summary>The attribute that gives a declared permission its description.</summary>
    public const string Description = "System.ComponentModel.DescriptionAttribute";

    /// <summary>EF Core's and DataAnnotations' <c>[Key]</c>.</summary>
    public const string Key = "System.ComponentModel.DataAnnotations.KeyAttribute";
}
