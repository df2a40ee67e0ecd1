using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Passkeys;

/// <summary>
/// A passkey whose owner column changes: moved to another user, both users' sign-in changed; changed
/// and then deleted in the same save, the owner the database holds lost it. Added and removed on a
/// model built by this test, the owner's key is reset too.
/// </summary>
public abstract class PasskeyOwnerChangeTests : IDisposable
{
    private const string KegPasskeyOwner = "UserId";

    private readonly KegDatabase<PasskeyContext> _kit;
    private readonly int _ada;
    private readonly int _bob;
    private readonly int _cy;

    protected PasskeyOwnerChangeTests(TestDatabase database)
    {
        // A table namespace of its own gives this test its own model, so the relationship map that
        // tells passkeys apart (cached on the model) is built here and not by whichever test came first.
        _kit = new KegDatabase<PasskeyContext>(database, o => o.TableNamespace = "owner" + Guid.NewGuid().ToString("N")[..8]);
        var ada = new PasskeyUser { Username = "ada" };
        ada.Passkeys.Add(new KegPasskey
        {
            CredentialId = [1, 2, 3],
            PublicKey = [9, 9],
            UserHandle = [7],
            Name = "Laptop",
            CreatedUtc = _kit.Now,
        });
        _ada = _kit.Save(ada).Id;
        _bob = _kit.Save(new PasskeyUser { Username = "bob" }).Id;
        _cy = _kit.Save(new PasskeyUser { Username = "cy" }).Id;
    }

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void A_passkey_moved_to_another_user_resets_both_and_nobody_else()
    {
        var before = Keys();
        using (var db = _kit.NewContext())
        {
            db.Entry(db.Set<KegPasskey>().Single()).Property(KegPasskeyOwner).CurrentValue = _bob;
            db.SaveChanges();
        }

        var after = Keys();
        Assert.NotEqual(before[_ada], after[_ada]);
        Assert.NotEqual(before[_bob], after[_bob]);
        Assert.Equal(before[_cy], after[_cy]);
    }

    [Fact]
    public void A_passkey_given_another_owner_and_then_deleted_resets_the_owner_it_had()
    {
        var before = Keys();
        using (var db = _kit.NewContext())
        {
            var passkey = db.Set<KegPasskey>().Single();
            db.Entry(passkey).Property(KegPasskeyOwner).CurrentValue = _bob;
            db.ChangeTracker.DetectChanges();
            db.Remove(passkey);
            db.SaveChanges();
        }

        var after = Keys();
        Assert.NotEqual(before[_ada], after[_ada]);
        Assert.Equal(before[_bob], after[_bob]);
        Assert.Equal(before[_cy], after[_cy]);
    }

    [Fact]
    public void A_passkey_added_or_removed_on_a_fresh_model_resets_its_owner_only()
    {
        var before = Keys();
        using (var db = _kit.NewContext())
        {
            db.Users.Single(u => u.Id == _bob).Passkeys.Add(new KegPasskey { CredentialId = [4], PublicKey = [9], UserHandle = [7], Name = "Phone", CreatedUtc = _kit.Now });
            db.SaveChanges();
        }

        var added = Keys();
        Assert.Equal(before[_ada], added[_ada]);
        Assert.NotEqual(before[_bob], added[_bob]);
        using (var db = _kit.NewContext())
        {
            db.Set<KegPasskey>().Remove(db.Set<KegPasskey>().Single(p => p.Name == "Laptop"));
            db.SaveChanges();
        }

        var removed = Keys();
        Assert.NotEqual(added[_ada], removed[_ada]);
        Assert.Equal(added[_bob], removed[_bob]);
        Assert.Equal(before[_cy], removed[_cy]);
    }

    private Dictionary<int, string> Keys()
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().ToDictionary(u => u.Id, u => u.SessionKey);
    }
}

/// <summary><see cref="PasskeyOwnerChangeTests"/> on SQLite.</summary>
public sealed class PasskeyOwnerChangeTestsOnSqlite() : PasskeyOwnerChangeTests(new SqliteTestDatabase());

/// <summary><see cref="PasskeyOwnerChangeTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PasskeyOwnerChangeTestsOnPostgres(PostgresFixture postgres) : PasskeyOwnerChangeTests(postgres.NewDatabase());
