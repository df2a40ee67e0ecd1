using System.Data.Common;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// The session-key reset beyond "who is affected" (issue 22): the new key is saved without automatic
/// change detection, a loaded member is not read again, a sync save stays sync, loaded mapping rows that
/// stay reset nobody, and a user deleted in the save keeps its key.
/// </summary>
public abstract class SessionKeyResetEdgeTests : IDisposable
{
    private readonly KegDatabase<PermissionContext> _kit;

    protected SessionKeyResetEdgeTests(TestDatabase database)
    {
        _kit = new KegDatabase<PermissionContext>(database);
        using var db = _kit.NewContext();
        db.AddRange(new Permission { Token = "perm" }, new Bundle { Name = "bundle" });
        db.Users.Add(new PermUser { Username = "member", Groups = { new Group { Name = "group" } } });
        db.Users.Add(new PermUser { Username = "bystander" });
        db.SaveChanges();
    }

    public void Dispose() => _kit.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Without_automatic_change_detection_a_loaded_members_new_key_is_still_saved(bool memberModified)
    {
        var before = Key("member");
        await using (var db = _kit.NewContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var member = db.Users.Single(u => u.Username == "member");
            if (memberModified)
            {
                member.LastLoginUtc = _kit.Now;
            }

            db.Groups.Include(g => g.Permissions).Single().Permissions.Add(db.Permissions.Single());
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(before, Key("member"));
        Assert.Equal(memberModified ? _kit.Now : null, Stored("member").LastLoginUtc);
    }

    [Fact]
    public void Without_automatic_change_detection_a_member_loaded_for_the_reset_gets_its_new_key_saved()
    {
        var (member, bystander) = (Key("member"), Key("bystander"));
        using (var db = _kit.NewContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Groups.Include(g => g.Permissions).Single().Permissions.Add(db.Permissions.Single());
            db.ChangeTracker.DetectChanges();
            db.SaveChanges();
        }

        Assert.NotEqual(member, Key("member"));
        Assert.Equal(bystander, Key("bystander"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_member_already_loaded_is_not_read_again_and_one_not_loaded_is_read_once(bool loaded)
    {
        var recorder = new CommandRecorder();
        await using (var db = Context(recorder))
        {
            var member = loaded ? db.Users.Single(u => u.Username == "member") : null;
            db.Groups.Single().Permissions.Add(db.Permissions.Single());
            recorder.Commands.Clear();
            await db.SaveChangesAsync();

            // The members of the group, then (only when not tracked) the members themselves.
            var reads = recorder.Commands.Where(c => c.Text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(loaded ? 1 : 2, reads.Count);
            if (member is not null)
            {
                Assert.Equal(EntityState.Unchanged, db.Entry(member).State);
                Assert.Equal(Key("member"), member.SessionKey);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_sync_save_reads_synchronously_and_an_async_save_asynchronously(bool sync)
    {
        var before = Key("member");
        var recorder = new CommandRecorder();
        await using (var db = Context(recorder))
        {
            // A bundle given to the group: the group's holders, then its members, are read.
            db.Groups.Include(g => g.Bundles).Single().Bundles.Add(db.Bundles.Single());
            db.Bundles.Include(b => b.Permissions).Single().Permissions.Add(db.Permissions.Single());
            recorder.Commands.Clear();
            if (sync)
            {
                db.SaveChanges();
            }
            else
            {
                await db.SaveChangesAsync();
            }
        }

        Assert.NotEmpty(recorder.Commands);
        Assert.All(recorder.Commands, c => Assert.Equal(sync, c.Sync));
        Assert.NotEqual(before, Key("member"));
    }

    [Fact]
    public void Loaded_memberships_that_stay_reset_nobody()
    {
        var before = Key("member");
        using (var db = _kit.NewContext())
        {
            var member = db.Users.Include(u => u.Groups).ThenInclude(g => g.Permissions).Single(u => u.Username == "member");
            member.Username = "renamed";
            db.Groups.Include(g => g.Users).Single().Name = "renamed group";
            db.SaveChanges();
        }

        Assert.Equal(before, Key("renamed"));
    }

    [Fact]
    public void A_user_deleted_with_its_memberships_keeps_its_key_and_the_others_are_reset()
    {
        using (var seed = _kit.NewContext())
        {
            seed.Users.Add(new PermUser { Username = "colleague", Groups = { seed.Groups.Single() } });
            seed.SaveChanges();
        }

        var colleague = Key("colleague");
        using (var db = _kit.NewContext())
        {
            var member = db.Users.Include(u => u.Groups).Single(u => u.Username == "member");
            var key = member.SessionKey;
            db.Users.Remove(member);
            db.Groups.Single().Permissions.Add(db.Permissions.Single());
            db.SaveChanges();

            // The membership rows went with the user (cascade), which names the user to the reset.
            Assert.Equal(key, member.SessionKey);
        }

        Assert.NotEqual(colleague, Key("colleague"));
        using var read = _kit.NewContext();
        Assert.False(read.Users.Any(u => u.Username == "member"));
    }

    private PermissionContext Context(CommandRecorder recorder)
        => new(_kit.Database.UseProvider(new DbContextOptionsBuilder<PermissionContext>()).UseKegAuth(_kit.Options).AddInterceptors(recorder).Options);

    private string Key(string username) => Stored(username).SessionKey;

    private PermUser Stored(string username)
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().Single(u => u.Username == username);
    }

    /// <summary>Every command that reads or writes rows, and whether it ran synchronously.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Text, bool Sync)> Commands { get; } = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Add((command.CommandText, true));
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, false));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Commands.Add((command.CommandText, true));
            return base.NonQueryExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, false));
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary><see cref="SessionKeyResetEdgeTests"/> on SQLite.</summary>
public sealed class SessionKeyResetEdgeTestsOnSqlite() : SessionKeyResetEdgeTests(new SqliteTestDatabase());

/// <summary><see cref="SessionKeyResetEdgeTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionKeyResetEdgeTestsOnPostgres(PostgresFixture postgres) : SessionKeyResetEdgeTests(postgres.NewDatabase());
