using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.ApiTokens;

/// <summary>The token users, mapped by KegAuth alone.</summary>
public sealed class ApiTokenContext(DbContextOptions<ApiTokenContext> options) : DbContext(options)
{
    public DbSet<TokenUser> Users => Set<TokenUser>();

    public DbSet<TokenEmailUser> EmailUsers => Set<TokenEmailUser>();
}
