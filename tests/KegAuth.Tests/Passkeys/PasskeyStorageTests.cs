using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Passkeys;

/// <summary>
/// <c>[KegUserPasskeys]</c> on a real database: several passkeys per user with every column kept, a
/// unique credential id, cascade delete with the user, and the session key reset when one is added or
/// removed (also when the user itself was not loaded).
/// </summary>
public abstract class PasskeyStorageTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public void Several_passkeys_round_trip_and_each_added_one_resets_the_session_key()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var user = kit.Save(new PasskeyUser { Username = "ada" });
        var before = user.SessionKey;

        using (var db = kit.NewContext())
        {
            var tracked = db.Users.Single(u => u.Id == user.Id);
            tracked.Passkeys.Add(Passkey(kit, [1, 2, 3], "Laptop"));
            db.SaveChanges();
            Assert.NotEqual(before, tracked.SessionKey);
            before = tracked.SessionKey;
            tracked.Passkeys.Add(Passkey(kit, [4, 5, 6], "Phone"));
            db.SaveChanges();
            Assert.NotEqual(before, tracked.SessionKey);
        }

        using var read = kit.NewContext();
        var stored = read.Users.Include(u => u.Passkeys).Single(u => u.Id == user.Id);
        Assert.Equal(["Laptop", "Phone"], stored.Passkeys.Select(p => p.Name).Order());
        var laptop = stored.Passkeys.Single(p => p.Name == "Laptop");
        Assert.Equal(new byte[] { 1, 2, 3 }, laptop.CredentialId);
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, laptop.PublicKey);
        Assert.Equal(new byte[] { 7, 7 }, laptop.UserHandle);
        Assert.Equal(41, laptop.SignCount);
        Assert.Equal("usb,internal", laptop.Transports);
        Assert.Equal(Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"), laptop.Aaguid);
        Assert.Equal(kit.Now, laptop.CreatedUtc, TimeSpan.FromMilliseconds(1));
        Assert.Equal(DateTimeKind.Utc, laptop.CreatedUtc.Kind);
        Assert.Null(laptop.LastUsedUtc);
    }

    [Fact]
    public void Removing_a_passkey_without_loading_its_user_still_resets_the_session_key()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var user = new PasskeyUser { Username = "bob" };
        user.Passkeys.Add(Passkey(kit, [1], "Key"));
        kit.Save(user);
        var before = ReloadUser(kit, user.Id).SessionKey;

        using (var db = kit.NewContext())
        {
            db.Set<KegPasskey>().Remove(db.Set<KegPasskey>().Single());
            db.SaveChanges();
        }

        Assert.NotEqual(before, ReloadUser(kit, user.Id).SessionKey);
        using var read = kit.NewContext();
        Assert.Empty(read.Set<KegPasskey>());
    }

    [Fact]
    public void Renaming_or_counting_a_use_leaves_the_session_key_alone()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var user = new PasskeyUser { Username = "cy" };
        user.Passkeys.Add(Passkey(kit, [1], "Key"));
        kit.Save(user);
        var before = ReloadUser(kit, user.Id).SessionKey;

        using (var db = kit.NewContext())
        {
            var passkey = db.Set<KegPasskey>().Single();
            passkey.Name = "Renamed";
            passkey.SignCount = 42;
            passkey.LastUsedUtc = kit.Now;
            db.SaveChanges();
        }

        Assert.Equal(before, ReloadUser(kit, user.Id).SessionKey);
    }

    [Fact]
    public void A_credential_id_is_unique_across_users()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var first = new PasskeyUser { Username = "dee" };
        first.Passkeys.Add(Passkey(kit, [5, 5], "One"));
        kit.Save(first);

        using var db = kit.NewContext();
        var second = new PasskeyUser { Username = "eve" };
        second.Passkeys.Add(Passkey(kit, [5, 5], "Two"));
        db.Users.Add(second);
        Assert.Throws<DbUpdateException>(() => db.SaveChanges());
    }

    [Fact]
    public void Deleting_the_user_deletes_its_passkeys_and_the_table_is_kegauths()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var user = new PasskeyUser { Username = "fay" };
        user.Passkeys.Add(Passkey(kit, [1], "One"));
        user.Passkeys.Add(Passkey(kit, [2], "Two"));
        kit.Save(user);

        using (var db = kit.NewContext())
        {
            Assert.Equal("keg_auth_passkeys", db.Model.FindEntityType(typeof(KegPasskey))!.GetTableName());
            db.Users.Where(u => u.Id == user.Id).ExecuteDelete();
        }

        using var read = kit.NewContext();
        Assert.Empty(read.Set<KegPasskey>());
    }

    [Fact]
    public void A_name_longer_than_its_column_is_refused_before_the_database()
    {
        using var kit = new KegDatabase<PasskeyContext>(newDatabase());
        var user = new PasskeyUser { Username = "gil" };
        user.Passkeys.Add(Passkey(kit, [1], new string('n', KegPasskey.MaxNameLength + 1)));
        using var db = kit.NewContext();
        db.Users.Add(user);
        var error = Assert.Throws<KegAuthValueTooLongException>(() => db.SaveChanges());
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
    }

    private static KegPasskey Passkey(KegDatabase<PasskeyContext> kit, byte[] credentialId, string name) => new()
    {
        CredentialId = credentialId,
        PublicKey = [9, 9, 9, 9],
        UserHandle = [7, 7],
        SignCount = 41,
        Name = name,
        CreatedUtc = kit.Now,
        Transports = "usb,internal",
        Aaguid = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10"),
    };

    private static PasskeyUser ReloadUser(KegDatabase<PasskeyContext> kit, int id)
    {
        using var db = kit.NewContext();
        return db.Users.Single(u => u.Id == id);
    }
}

/// <summary><see cref="PasskeyStorageTests"/> on SQLite.</summary>
public sealed class PasskeyStorageTestsOnSqlite() : PasskeyStorageTests(() => new SqliteTestDatabase());

/// <summary><see cref="PasskeyStorageTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PasskeyStorageTestsOnPostgres(PostgresFixture postgres) : PasskeyStorageTests(postgres.NewDatabase);
