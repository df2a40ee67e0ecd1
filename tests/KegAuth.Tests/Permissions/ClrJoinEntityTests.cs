using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// Group membership mapped through a join class of the application's (<see cref="ClrJoinContext"/>),
/// not a property bag: permissions resolve through it, a group's change resets the members it names,
/// and a change to the row's own column resets nobody.
/// </summary>
public abstract class ClrJoinEntityTests : IDisposable
{
    private readonly KegDatabase<ClrJoinContext> _kit;

    protected ClrJoinEntityTests(TestDatabase database)
    {
        _kit = new KegDatabase<ClrJoinContext>(database);
        using var db = _kit.NewContext();
        var team = new Group { Name = "team", Permissions = { new Permission { Token = "team-perm" } } };
        db.Add(new Permission { Token = "spare" });
        db.Users.Add(new PermUser { Username = "alice", Groups = { team } });
        db.Users.Add(new PermUser { Username = "bob" });
        db.SaveChanges();
    }

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Permissions_resolve_through_the_join_class()
    {
        await using var db = _kit.NewContext();
        Assert.False(db.Model.FindEntityType(typeof(TeamMembership))!.HasSharedClrType);
        var alice = db.Users.Single(u => u.Username == "alice");
        Assert.Equal(["team-perm"], await alice.GetAllPermissionTokensAsync(db));
        Assert.Empty(await db.Users.Single(u => u.Username == "bob").GetAllPermissionTokensAsync(db));
    }

    [Theory]
    [InlineData("group permission added", new[] { "alice" })]
    [InlineData("member added", new[] { "bob" })]
    [InlineData("membership note changed", new string[0])]
    public async Task A_change_resets_exactly_the_members_the_join_class_names(string change, string[] affected)
    {
        var before = Keys();
        await using (var db = _kit.NewContext())
        {
            switch (change)
            {
                case "group permission added": db.Groups.Include(g => g.Permissions).Single().Permissions.Add(db.Permissions.Single(p => p.Token == "spare")); break;
                case "member added": db.Groups.Include(g => g.Users).Single().Users.Add(db.Users.Single(u => u.Username == "bob")); break;
                case "membership note changed": db.Memberships.Single().Note = "lead"; break;
                default: throw new ArgumentException(change);
            }

            await db.SaveChangesAsync();
        }

        var after = Keys();
        Assert.All(before, pair => Assert.True(affected.Contains(pair.Key) == (pair.Value != after[pair.Key]), $"{pair.Key} after '{change}'"));
    }

    private Dictionary<string, string> Keys()
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().ToDictionary(u => u.Username, u => u.SessionKey);
    }
}

/// <summary><see cref="ClrJoinEntityTests"/> on SQLite.</summary>
public sealed class ClrJoinEntityTestsOnSqlite() : ClrJoinEntityTests(new SqliteTestDatabase());

/// <summary><see cref="ClrJoinEntityTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClrJoinEntityTestsOnPostgres(PostgresFixture postgres) : ClrJoinEntityTests(postgres.NewDatabase());
