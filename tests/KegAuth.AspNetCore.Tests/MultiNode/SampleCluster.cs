using KegAuth.Sample.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KegAuth.AspNetCore.Tests.MultiNode;

/// <summary>
/// Two nodes of the web sample (A and B) on one PostgreSQL database. The schema, an admin in a group
/// with <c>users.view</c>, and the first Data Protection key are made before the nodes start, as a
/// deployment's migration step would; then both start at once. Disposing stops both.
/// </summary>
public sealed class SampleCluster : IAsyncDisposable
{
    public const string SecretKey = "multi-node-test-secret-0123456789-abcdefghijkl";
    public const string AdminPassword = "Admin staple 44!";

    private SampleCluster(string connectionString, SampleNode a, SampleNode b)
    {
        ConnectionString = connectionString;
        A = a;
        B = b;
    }

    public string ConnectionString { get; }

    public SampleNode A { get; }

    public SampleNode B { get; }

    /// <summary>
    /// Makes the schema and starts both nodes. With <paramref name="installChangeFeed"/>, the user change
    /// feed's trigger is installed first (the nodes' session caches then serve from memory);
    /// <paramref name="nodeArguments"/> go to both nodes' command lines.
    /// </summary>
    public static async Task<SampleCluster> StartAsync(string connectionString, bool installChangeFeed = false, IReadOnlyList<string>? nodeArguments = null)
    {
        await using (var db = Context(connectionString))
        {
            await db.Database.EnsureCreatedAsync();
            if (installChangeFeed)
            {
                await KegUserChangeFeed.InstallAsync<User>(db);
            }

            var usersView = new Permission { Token = "users.view" };
            var admins = new Group { Name = "Admins", Bundles = { new Bundle { Name = "User admin", Permissions = { usersView } } } };
            var admin = new User { Username = "admin", Groups = { admins } };
            admin.SetPassword(AdminPassword, Options());
            db.AddRange(usersView, admins, admin);
            await db.SaveChangesAsync();
        }

        // Nodes that start at once on an empty key ring each make a key of their own, and read each
        // other's cookies only after a refresh: the key is made first, as a deployment step would.
        await CreateDataProtectionKeyAsync(connectionString);

        var a = SampleNode.StartAsync("A", connectionString, SecretKey, nodeArguments);
        var b = SampleNode.StartAsync("B", connectionString, SecretKey, nodeArguments);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            // Whichever started is stopped, even when the other did not.
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return new SampleCluster(connectionString, a.Result, b.Result);
    }

    public static KegAuthOptions Options() => new() { SecretKey = SecretKey, PasswordWorkFactor = 4 };

    /// <summary>A KegAuth context on the cluster's database, configured as the nodes configure theirs.</summary>
    public SampleDb Context() => Context(ConnectionString);

    /// <summary>Empties this process's pool for the cluster's database (its connections may be cut).</summary>
    public void ClearPool()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        ClearPool();
    }

    private static SampleDb Context(string connectionString)
        => new(new DbContextOptionsBuilder<SampleDb>().UseNpgsql(connectionString).UseKegAuth(Options()).Options);

    /// <summary>Writes one Data Protection key for the sample's application name into the database.</summary>
    private static async Task CreateDataProtectionKeyAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<SampleDb>(options => options.UseNpgsql(connectionString).UseKegAuth(Options()));
        services.AddDataProtection().SetApplicationName("KegAuth.Sample.Web").PersistKeysToDbContext<SampleDb>();
        await using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        provider.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
    }
}
