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
        var usersView = new Permission { Token = SamplePermissions.UsersView, Description = "See the user list" };
        var usersManage = new Permission { Token = SamplePermissions.UsersManage, Description = "Change users" };
        var reportsView = new Permission { Token = SamplePermissions.ReportsView, Description = "See reports" };
        var userAdmin = new Bundle { Name = "User admin", Permissions = { usersView, usersManage } };
        var admins = new Group { Name = "Admins", Bundles = { userAdmin }, Permissions = { reportsView } };

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        var admin = new User { Username = "admin", Groups = { admins } };
        admin.SetPassword(password, options);
        db.AddRange(usersView, usersManage, reportsView, userAdmin, admins, admin);
        await db.SaveChangesAsync();

        // Shown once: it is stored only as a bcrypt hash.
        Console.WriteLine($"Created user 'admin' with one-time password: {password}");
    }
}
