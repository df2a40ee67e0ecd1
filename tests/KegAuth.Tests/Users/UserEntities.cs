using System.ComponentModel.DataAnnotations;

namespace KegAuth.Tests.Users;

/// <summary>An email user with a long key, as the keg-auth vectors' ids need.</summary>
[KegUser, KegUserEmail]
public partial class InteropUser
{
    public long Id { get; set; }
}

/// <summary>A username user with a Guid key.</summary>
[KegUser]
public partial class GuidUser
{
    public Guid Id { get; set; }
}

/// <summary>An email user whose key is a string marked [Key].</summary>
[KegUser, KegUserEmail]
public partial class CodeUser
{
    [Key]
    [MaxLength(40)]
    public string Code { get; set; } = string.Empty;
}
