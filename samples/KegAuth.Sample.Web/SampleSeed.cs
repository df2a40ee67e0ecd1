using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Sample.Web;

/// <summary>Creates the schema and, on first run, an admin, permissions, a bundle and a group.</summary>
public static class SampleSeed
{
    public static async Task RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
        if (!await db.Database.EnsureCreatedAsync())
        {
            return;
        }

        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<KegAuthOptions>>().Value;
        var password = await SeedAsync(db, options);

        // Shown once: it is stored only as a bcrypt hash.
        Console.WriteLine($"Created user 'admin' with one-time password: {password}");
    }

    /// <summary>Adds the admin, the bundle and the group to a new schema; returns the admin's one-time password.</summary>
    public static async Task<string> SeedAsync(SampleDb db, KegAuthOptions options)
    {
        // Through the sync, not inserted here: a second node starting now syncs the same tokens, and the
        // sync is the one writer that retries that race (inserting them here failed a node's start once).
        await KegPermissionSync.SyncAsync<Permission>(db, SamplePermissions.All);
        var permissions = await db.Set<Permission>().ToDictionaryAsync(p => p.Token);
        var usersView = permissions[SamplePermissions.UsersView];
        var usersManage = permissions[SamplePermissions.UsersManage];
        var reportsView = permissions[SamplePermissions.ReportsView];
        var userAdmin = new Bundle { Name = "User admin", Permissions = { usersView, usersManage } };
        var admins = new Group { Name = "Admins", Bundles = { userAdmin }, Permissions = { reportsView } };

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        var admin = new User { Username = "admin", Groups = { admins } };
        admin.SetPassword(password, options);
        db.AddRange(userAdmin, admins, admin);
        await db.SaveChangesAsync();
        return password;
    }
}
