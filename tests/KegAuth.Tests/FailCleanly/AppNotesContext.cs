using System.ComponentModel.DataAnnotations;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.FailCleanly;

/// <summary>An application's own entity with a length limit, beside a KegAuth user.</summary>
public sealed class AppNote
{
    public int Id { get; set; }

    [MaxLength(10)]
    public string Text { get; set; } = "";
}

/// <summary>A context holding a KegAuth user and an application entity.</summary>
public sealed class AppNotesContext(DbContextOptions<AppNotesContext> options) : DbContext(options)
{
    public DbSet<EfUser> Users => Set<EfUser>();

    public DbSet<AppNote> Notes => Set<AppNote>();
}
