namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

/// <summary>A username user; every Keg member is generated.</summary>
[KegUser]
public partial class EfUser
{
    public int Id { get; set; }
}
