using KegAuth;
using Microsoft.EntityFrameworkCore;

namespace Consumer;

[KegUser, KegUserEmail]
public partial class User
{
    public int Id { get; set; }
}

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
}
