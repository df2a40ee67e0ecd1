using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>keg-auth's session-key events: rights changes reset the key in the same SaveChanges.</summary>
public abstract class SessionKeyResetTests : IDisposable
{
    private readonly KegDatabase<PermissionContext> _kit;
    private readonly Dictionary<int, string> _names;

    protected SessionKeyResetTests(TestDatabase database)
    {
        _kit = new KegDatabase<PermissionContext>(database);
        using var db = _kit.NewContext();
        var perm = new Permission { Token = "perm" };
        var bundle = new Bundle { Name = "bundle" };
        var viaGroupBundle = new Bundle { Name = "group-bundle" };
        var group = new Group { Name = "group", Bundles = { viaGroupBundle } };
        db.AddRange(perm, bundle, group, new Permission { Token = "other" });
        db.Users.Add(new PermUser { Username = "direct", Bundles = { bundle } });
        db.Users.Add(new PermUser { Username = "member", Groups = { group } });
        db.Users.Add(new PermUser { Username = "bystander" });
        db.SaveChanges();
        _names = db.Users.ToDictionary(u => u.Id, u => u.Username);
    }

    public void Dispose() => _kit.Dispose();

    public static TheoryData<string, string[]> Changes => new()
    {
        { "user permission added", ["direct"] },
        { "user permission removed", ["direct"] },
        { "user bundle added", ["bystander"] },
        { "user group added", ["bystander"] },
        { "user group removed", ["member"] },
        { "superuser", ["bystander"] },
        { "disabled", ["bystander"] },
        { "password", ["bystander"] },
        { "group permission added", ["member"] },
        { "group bundle added", ["member"] },
        { "group user added", ["bystander"] },
        { "group deleted", ["member"] },
        { "bundle permission added", ["direct"] },
        { "group-bundle permission added", ["member"] },
        { "bundle user added", ["bystander"] },
        { "bundle group added", ["member"] },
        { "bundle deleted", ["direct"] },
        { "group bundle deleted", ["member"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Rights_change_resets_exactly_the_affected_users(string change, string[] affected)
    {
        if (change == "user permission removed")
        {
            Apply("user permission added");
        }

        var before = Keys();
        await ApplyAsync(change);
        var after = Keys();

        foreach (var (name, key) in before)
        {
            Assert.True(affected.Contains(name) == (key != after[name]), $"{name} after '{change}'");
        }
    }

    [Theory]
    [InlineData("username")]
    [InlineData("group name")]
    [InlineData("bundle name")]
    public void Other_edits_do_not_reset(string change)
    {
        var before = Keys();
        Apply(change);
        Assert.Equal(before, Keys());
    }

    [Fact]
    public void Re_enabling_clears_a_passed_disabled_date()
    {
        SetUser("bystander", u => { u.IsEnabled = false; u.DisabledUtc = _kit.Now.AddDays(-1); });
        SetUser("bystander", u => u.IsEnabled = true);
        Assert.Null(User("bystander").DisabledUtc);
    }

    [Fact]
    public void Re_enabling_with_a_new_disabled_date_keeps_it()
    {
        var later = _kit.Now.AddDays(3);
        SetUser("bystander", u => { u.IsEnabled = false; u.DisabledUtc = _kit.Now.AddDays(-1); });
        SetUser("bystander", u => { u.IsEnabled = true; u.DisabledUtc = later; });
        Assert.Equal(later, User("bystander").DisabledUtc);
    }

    [Fact]
    public void Disabling_keeps_the_disabled_date()
    {
        var past = _kit.Now.AddDays(-1);
        SetUser("bystander", u => u.DisabledUtc = past);
        SetUser("bystander", u => u.IsEnabled = false);
        Assert.Equal(past, User("bystander").DisabledUtc);
    }

    private void Apply(string change) => ApplyAsync(change, sync: true).GetAwaiter().GetResult();

    private async Task ApplyAsync(string change, bool sync = false)
    {
        using var db = _kit.NewContext();
        PermUser U(string name) => db.Users.Include(u => u.Permissions).Include(u => u.Groups).Single(u => u.Username == name);
        Permission P() => db.Permissions.Single(p => p.Token == "perm");
        Group G() => db.Groups.Single(g => g.Name == "group");
        Bundle B(string name = "bundle") => db.Bundles.Single(b => b.Name == name);

        switch (change)
        {
            case "user permission added": U("direct").Permissions.Add(P()); break;
            case "user permission removed": var d = U("direct"); d.Permissions.Remove(d.Permissions.Single()); break;
            case "user bundle added": U("bystander").Bundles.Add(B()); break;
            case "user group added": U("bystander").Groups.Add(G()); break;
            case "user group removed": var m = U("member"); m.Groups.Remove(m.Groups.Single()); break;
            case "superuser": U("bystander").IsSuperuser = true; break;
            case "disabled": U("bystander").IsEnabled = false; break;
            case "password": U("bystander").SetPassword("new password", _kit.Options); break;
            case "group permission added": G().Permissions.Add(P()); break;
            case "group bundle added": G().Bundles.Add(B()); break;
            case "group user added": G().Users.Add(U("bystander")); break;
            case "group deleted": db.Groups.Remove(G()); break;
            case "bundle permission added": B().Permissions.Add(P()); break;
            case "group-bundle permission added": B("group-bundle").Permissions.Add(P()); break;
            case "bundle user added": B().Users.Add(U("bystander")); break;
            case "bundle group added": B().Groups.Add(G()); break;
            case "bundle deleted": db.Bundles.Remove(B()); break;
            case "group bundle deleted": db.Bundles.Remove(B("group-bundle")); break;
            case "username": U("direct").Username = "renamed"; break;
            case "group name": G().Name = "renamed"; break;
            case "bundle name": B().Name = "renamed"; break;
            default: throw new ArgumentException(change);
        }

        if (sync)
        {
            db.SaveChanges();
        }
        else
        {
            await db.SaveChangesAsync();
        }
    }

    private Dictionary<string, string> Keys()
    {
        using var db = _kit.NewContext();
        return db.Users.ToDictionary(u => _names[u.Id], u => u.SessionKey);
    }

    private PermUser User(string name)
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().Single(u => u.Username == name);
    }

    private void SetUser(string name, Action<PermUser> change)
    {
        using var db = _kit.NewContext();
        change(db.Users.Single(u => u.Username == name));
        db.SaveChanges();
    }
}

/// <summary><see cref="SessionKeyResetTests"/> on SQLite.</summary>
public sealed class SessionKeyResetTestsOnSqlite() : SessionKeyResetTests(new SqliteTestDatabase());

/// <summary><see cref="SessionKeyResetTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionKeyResetTestsOnPostgres(PostgresFixture postgres) : SessionKeyResetTests(postgres.NewDatabase());
