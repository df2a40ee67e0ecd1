namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

/// <summary>An email user; every Keg member is generated.</summary>
[KegUser, KegUserEmail]
public partial class EfEmailUser
{
    public int Id { get; set; }
}
