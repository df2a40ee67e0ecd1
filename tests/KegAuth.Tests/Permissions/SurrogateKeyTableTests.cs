using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// Mapping tables the application maps with their own id and nullable key columns
/// (<see cref="SurrogateKeyContext"/>): permissions resolve through every route, converting between
/// <c>int?</c> columns and <c>int</c> keys, and a change saved through them resets exactly the
/// affected session keys, also when a row is deleted after its holder was changed.
/// </summary>
public abstract class SurrogateKeyTableTests : IDisposable
{
    private readonly KegDatabase<SurrogateKeyContext> _kit;

    protected SurrogateKeyTableTests(TestDatabase database)
    {
        _kit = new KegDatabase<SurrogateKeyContext>(database);
        using var db = _kit.NewContext();
        var perms = Enumerable.Range(1, 6).Select(i => new Permission { Token = "perm" + i }).ToList();
        db.Permissions.AddRange(perms);
        var group = new Group { Name = "team", Permissions = { perms[1] }, Bundles = { new Bundle { Name = "team-bundle", Permissions = { perms[2] } } } };
        var hidden = new Group { Name = "hidden-team", Permissions = { perms[5] } };
        db.Users.Add(new PermUser
        {
            Username = "alice",
            Permissions = { perms[0] },
            Groups = { group, hidden },
            Bundles = { new Bundle { Name = "bundle", Permissions = { perms[3] } } },
        });
        db.Users.Add(new PermUser { Username = "bob", Groups = { group } });
        db.Users.Add(new PermUser { Username = "carol", Permissions = { perms[4] } });
        db.SaveChanges();
    }

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void The_application_tables_have_nullable_columns_for_int_keys()
    {
        using var db = _kit.NewContext();
        foreach (var (table, column) in new[] { ("user_grants", "grant"), ("team_members", "team"), ("bundle_grants", "bundle") })
        {
            Assert.Equal(typeof(int?), db.Model.FindEntityType(table)!.FindProperty(column)!.ClrType);
        }
    }

    [Fact]
    public async Task Permissions_resolve_through_every_route_and_a_hidden_group_grants_nothing()
    {
        await using var db = _kit.NewContext();
        var alice = db.Users.Single(u => u.Username == "alice");
        var bob = db.Users.Single(u => u.Username == "bob");
        var team = db.Groups.Single(g => g.Name == "team");

        Assert.Equal(["perm1", "perm2", "perm3", "perm4"], (await alice.GetAllPermissionTokensAsync(db)).Order());
        Assert.Equal(["perm1", "perm2", "perm3", "perm4"], (await alice.GetAllPermissionsAsync(db)).Select(p => p.Token).Order());
        Assert.Equal(["perm2", "perm3"], (await bob.GetAllPermissionTokensAsync(db)).Order());
        Assert.Equal(["perm2", "perm3"], (await team.GetAllPermissionsAsync(db)).Select(p => p.Token).Order());
    }

    [Theory]
    [InlineData("group permission added", new[] { "alice", "bob" })]
    [InlineData("bundle permission added", new[] { "alice" })]
    [InlineData("team bundle deleted", new[] { "alice", "bob" })]
    [InlineData("grant added", new[] { "carol" })]
    [InlineData("grant removed", new[] { "carol" })]
    [InlineData("member removed", new[] { "bob" })]
    [InlineData("grant holder changed, then the grant deleted", new[] { "carol" })]
    [InlineData("grant moved to another holder", new[] { "bob", "carol" })]
    [InlineData("grant moved to another permission", new[] { "carol" })]
    public void A_change_through_the_tables_resets_exactly_the_affected_users(string change, string[] affected)
    {
        var before = Keys();
        using (var db = _kit.NewContext())
        {
            Group Team() => db.Groups.Include(g => g.Permissions).Include(g => g.Users).Single(g => g.Name == "team");
            Permission Spare() => db.Permissions.Single(p => p.Token == "perm6");
            PermUser User(string name) => db.Users.Include(u => u.Permissions).Include(u => u.Groups).Single(u => u.Username == name);
            switch (change)
            {
                case "group permission added": Team().Permissions.Add(Spare()); break;
                case "bundle permission added": db.Bundles.Include(b => b.Permissions).Single(b => b.Name == "bundle").Permissions.Add(Spare()); break;
                case "team bundle deleted": db.Bundles.Remove(db.Bundles.Single(b => b.Name == "team-bundle")); break;
                case "grant added": User("carol").Permissions.Add(Spare()); break;
                case "grant removed": User("carol").Permissions.Clear(); break;
                case "member removed": Team().Users.Remove(User("bob")); break;
                case "grant holder changed, then the grant deleted":
                    var grant = Grant(db, User("carol").Id);
                    grant["holder"] = User("bob").Id;
                    db.ChangeTracker.DetectChanges();
                    db.Remove(grant);
                    break;
                case "grant moved to another holder": Grant(db, User("carol").Id)["holder"] = User("bob").Id; break;
                case "grant moved to another permission": Grant(db, User("carol").Id)["grant"] = Spare().Id; break;
                default: throw new ArgumentException(change);
            }

            db.SaveChanges();
        }

        var after = Keys();
        Assert.All(before, pair => Assert.True(affected.Contains(pair.Key) == (pair.Value != after[pair.Key]), $"{pair.Key} after '{change}'"));
    }

    private static Dictionary<string, object> Grant(SurrogateKeyContext db, int holder)
        => db.Set<Dictionary<string, object>>("user_grants").Single(row => EF.Property<int?>(row, "holder") == holder);

    private Dictionary<string, string> Keys()
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().ToDictionary(u => u.Username, u => u.SessionKey);
    }
}

/// <summary><see cref="SurrogateKeyTableTests"/> on SQLite.</summary>
public sealed class SurrogateKeyTableTestsOnSqlite() : SurrogateKeyTableTests(new SqliteTestDatabase());

/// <summary><see cref="SurrogateKeyTableTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SurrogateKeyTableTestsOnPostgres(PostgresFixture postgres) : SurrogateKeyTableTests(postgres.NewDatabase());
