using KegAuth;

namespace KegAuth.Sample.Console;

/// <summary>The sample's user: KegAuth generates the columns, IsActive, passwords and reset tokens.</summary>
[KegUser, KegUserEmail]
public partial class User
{
    /// <summary>The key.</summary>
    public int Id { get; set; }

    /// <summary>An app-specific column beside the generated ones.</summary>
    public string? DisplayName { get; set; }
}
