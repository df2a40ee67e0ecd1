using KegAuth.AspNetCore.Tests.MultiNode;
using KegAuth.Sample.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// The web sample's first-run seed when a second node has already synchronised the declared
/// permissions into the new schema (two nodes starting at once): it uses those rows instead of
/// inserting the same tokens again.
/// </summary>
public sealed class SampleSeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kegauth-seed-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_seed_uses_the_permissions_another_node_synchronised_first()
    {
        var connectionString = $"Data Source={Path.Combine(_folder, "sample.db")};Pooling=False";
        await using (var otherNode = Context(connectionString))
        {
            Assert.True(await otherNode.Database.EnsureCreatedAsync());
            var synced = await KegPermissionSync.SyncAsync<Permission>(otherNode, SamplePermissions.All);
            Assert.Equal(3, synced.Added.Count);
        }

        await using (var seeding = Context(connectionString))
        {
            var password = await SampleSeed.SeedAsync(seeding, SampleCluster.Options());
            Assert.False(string.IsNullOrEmpty(password));
        }

        await using var db = Context(connectionString);
        Assert.Equal(3, await db.Set<Permission>().CountAsync());
        var admins = await db.Groups.Include(g => g.Bundles).ThenInclude(b => b.Permissions).Include(g => g.Permissions).SingleAsync();
        Assert.Equal([SamplePermissions.UsersManage, SamplePermissions.UsersView], admins.Bundles.Single().Permissions.Select(p => p.Token).Order());
        Assert.Equal([SamplePermissions.ReportsView], admins.Permissions.Select(p => p.Token));
    }

    private static SampleDb Context(string connectionString)
        => new(new DbContextOptionsBuilder<SampleDb>().UseSqlite(connectionString).UseKegAuth(SampleCluster.Options()).Options);
}
