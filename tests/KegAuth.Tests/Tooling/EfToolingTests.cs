using System.Reflection;
using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.Attempts;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Permissions;
using KegAuth.Tests.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Xunit;

namespace KegAuth.Tests.Tooling;

/// <summary>
/// EF Core's tooling on a KegAuth context with every entity kind: the first migration creates the
/// schema and a second one is empty (no pending model changes), and the compiled model of
/// <c>dbcontext optimize</c> builds (it names KegAuth's converters, so they must be public) and runs
/// KegAuth's queries and save rules.
/// </summary>
public abstract class EfToolingTests : IDisposable
{
    private const string RootNamespace = "KegAuth.Tests.Tooling.Generated";

    private readonly TestDatabase _database;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-tooling", Guid.NewGuid().ToString("N"));
    private readonly KegAuthOptions _options = TestClock.Options(TestClock.Create());

    protected EfToolingTests(TestDatabase database)
    {
        _database = database;
        _options.PasswordWorkFactor = 4;
        _options.Lockout.Login.Limit = 3;
    }

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(KegSchemaNaming.EntityFramework)]
    [InlineData(KegSchemaNaming.KegAuth)]
    public async Task Migrations_a_compiled_model_and_kegauths_queries_work_together(KegSchemaNaming naming)
    {
        // keg-auth's naming brings its column formats and their converters (text dates on SQLite, the attempt-type enum on PostgreSQL).
        _options.SchemaNaming = naming;

        // dotnet ef migrations add Initial
        Assembly migrations;
        using (var context = NewContext())
        {
            var initial = DesignTimeTools.AddMigration(context, "Initial", RootNamespace);
            Assert.Contains("CreateTable", initial.MigrationCode, StringComparison.Ordinal);
            migrations = InMemoryCompiler.Compile("KegAuthMigrations" + Guid.NewGuid().ToString("N"), [initial.MigrationCode, initial.MetadataCode, initial.SnapshotCode]);
        }

        // dotnet ef migrations add Second, in a context of its own as the tool has: migrating first
        // would finalize the cached snapshot model that the scaffolder reads.
        using (var context = NewContext(migrations))
        {
            var second = DesignTimeTools.AddMigration(context, "Second", RootNamespace);
            Assert.DoesNotContain("migrationBuilder.", second.MigrationCode, StringComparison.Ordinal);
        }

        // dotnet ef migrations has-pending-model-changes; dotnet ef database update
        using (var context = NewContext(migrations))
        {
            Assert.False(context.Database.HasPendingModelChanges());
            await context.Database.MigrateAsync();
            Assert.Single(await context.Database.GetAppliedMigrationsAsync());
        }

        // dotnet ef dbcontext optimize, built as the application would build it
        IModel model;
        using (var context = NewContext())
        {
            var files = DesignTimeTools.Optimize(context, _folder, RootNamespace + ".CompiledModels");
            var assembly = InMemoryCompiler.Compile("KegAuthCompiledModel" + Guid.NewGuid().ToString("N"), files);
            model = DesignTimeTools.CompiledModel(assembly, typeof(AllKindsContext));
        }

        await RunKegAuthOn(model, migrations);
    }

    private async Task RunKegAuthOn(IModel model, Assembly migrations)
    {
        using (var db = NewContext(migrations, model))
        {
            Assert.Same(model, db.Model);
            var perm = new Permission { Token = "perm" };
            var group = new Group { Name = "group", Bundles = { new Bundle { Name = "bundle", Permissions = { perm } } } };
            db.Users.Add(new PermUser { Username = "active", Groups = { group } });
            db.Users.Add(new PermUser { Username = "disabled", IsEnabled = false });
            db.UsersWithToken.Add(new TokenEmailUser { Email = "Mixed@Case.example" });
            await db.SaveChangesAsync();
        }

        using (var db = NewContext(migrations, model))
        {
            // IsActive in SQL, converters (lowercased email) and the permission query through three tables.
            Assert.Equal(["active"], await db.Users.Where(u => u.IsActive).Select(u => u.Username).ToListAsync());
            Assert.Equal(1, await db.UsersWithToken.CountAsync(u => u.Email == "MIXED@case.example"));
            var user = await db.Users.SingleAsync(u => u.Username == "active");
            Assert.Equal(["perm"], await user.GetAllPermissionTokensAsync(db));

            // The save rules read the compiled model's skip navigations: a grant resets the key.
            var key = user.SessionKey;
            user.Permissions.Add(new Permission { Token = "direct" });
            await db.SaveChangesAsync();
            Assert.NotEqual(key, user.SessionKey);
        }

        using (var db = NewContext(migrations, model))
        {
            // Lockout (the AttemptType converter) and purge.
            for (var i = 0; i < 3; i++)
            {
                await KegAttempts.LogAttemptAsync<Attempt>(db, "active", AttemptType.Login, success: false);
            }

            Assert.True(await KegAttempts.IsBlockedAsync<Attempt>(db, "active", AttemptType.Login));
            Assert.Equal(3, await KegAttempts.PurgeAsync<Attempt>(db, attemptType: AttemptType.Login));
            Assert.False(await KegAttempts.IsBlockedAsync<Attempt>(db, "active", AttemptType.Login));
        }
    }

    private AllKindsContext NewContext(Assembly? migrations = null, IModel? model = null)
    {
        var builder = _database.UseProvider(new DbContextOptionsBuilder<AllKindsContext>());
        if (migrations is not null)
        {
            var relational = builder.Options.Extensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension>().Single();
            ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(relational.WithMigrationsAssembly(migrations));
        }

        if (model is not null)
        {
            builder.UseModel(model);
        }

        return new AllKindsContext(builder.UseKegAuth(_options).Options);
    }
}

/// <summary><see cref="EfToolingTests"/> on SQLite.</summary>
public sealed class EfToolingTestsOnSqlite() : EfToolingTests(new SqliteTestDatabase());

/// <summary><see cref="EfToolingTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EfToolingTestsOnPostgres(PostgresFixture postgres) : EfToolingTests(postgres.NewDatabase());
