using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.Benchmarks;

/// <summary>
/// Issue 7 item 5: <c>SaveChangesAsync</c> of 1,000 mixed edits on the 10,000-user permission dataset,
/// with UseKegAuth as shipped against the same model and converters with only the session-key
/// interceptor taken out (<see cref="WithoutSessionKeyInterceptor"/>, benchmark-only), and against that
/// same baseline with the application resetting the same session keys itself. Per iteration,
/// untimed: a fresh copy of the file, a new context, the 1,000 users with their direct permissions
/// loaded, and the edits: 250 users disabled or enabled, 250 last-login updates, 250 permissions
/// granted, 250 revoked. Timed: the save alone.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class SaveChangesBenchmarks
{
    private const int Users = 10_000;
    private const int Edited = 1_000;

    private string _template = null!;
    private BenchContext _db = null!;

    /// <summary>Builds or finds the 10,000-user template.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _template = BenchSetup.SqliteTemplate($"permissions-{Users}", connectionString =>
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            PermissionSeed.Insert(connection, Users);
        });
    }

    /// <summary>Fresh file and context for the baseline.</summary>
    [IterationSetup(Target = nameof(WithoutInterceptor))]
    public void SetupWithout() => Prepare(interceptor: false);

    /// <summary>Fresh file and context for KegAuth.</summary>
    [IterationSetup(Target = nameof(WithUseKegAuth))]
    public void SetupWith() => Prepare(interceptor: true);

    /// <summary>Fresh file and context for the hand-reset baseline.</summary>
    [IterationSetup(Target = nameof(HandResetWithoutInterceptor))]
    public void SetupHandReset() => Prepare(interceptor: false, handReset: true);

    /// <summary>Disposes the context of the iteration.</summary>
    [IterationCleanup]
    public void Cleanup() => _db.Dispose();

    /// <summary>The same model without the session-key interceptor.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> WithoutInterceptor() => _db.SaveChangesAsync();

    /// <summary>
    /// Without the interceptor, the application resetting the same 750 session keys itself before the
    /// save (untimed): the same rows written as <see cref="WithUseKegAuth"/>, so the difference is the
    /// interceptor's own work.
    /// </summary>
    [Benchmark]
    public Task<int> HandResetWithoutInterceptor() => _db.SaveChangesAsync();

    /// <summary>UseKegAuth as shipped.</summary>
    [Benchmark]
    public Task<int> WithUseKegAuth() => _db.SaveChangesAsync();

    private void Prepare(bool interceptor, bool handReset = false)
    {
        var path = BenchSetup.CopyToWorkFile(_template, "save");
        var builder = new DbContextOptionsBuilder<BenchContext>()
            .UseSqlite(BenchSetup.ConnectionString(path, pooling: false))
            .UseKegAuth(BenchSetup.Options);
        if (!interceptor)
        {
            ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new WithoutSessionKeyInterceptor());
        }

        _db = new BenchContext(builder.Options);
        var permissions = _db.Permissions.ToList();
        var users = _db.Users.Include(u => u.Permissions).Where(u => u.Id <= Edited).OrderBy(u => u.Id).ToList();
        var now = BenchSetup.Now.UtcDateTime;
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            switch (i % 4)
            {
                case 0:
                    user.IsEnabled = !user.IsEnabled;
                    break;
                case 1:
                    user.LastLoginUtc = now;
                    break;
                case 2:
                    user.Permissions.Add(permissions.First(p => !user.Permissions.Contains(p)));
                    break;
                default:
                    user.Permissions.Remove(user.Permissions.First());
                    break;
            }

            // Every edit but the last-login one changes the user's rights.
            if (handReset && i % 4 != 1)
            {
                user.ResetSessionKey();
            }
        }
    }
}

/// <summary>
/// Benchmark-only: removes KegAuth's SaveChanges interceptor (the session-key reset, and since issue 14
/// the column-length check that shares its pass) from EF's internal services, leaving the
/// model, converters and query translation of UseKegAuth in place. Add it after UseKegAuth.
/// </summary>
public sealed class WithoutSessionKeyInterceptor : IDbContextOptionsExtension
{
    private ExtensionInfo? _info;

    /// <inheritdoc/>
    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    /// <inheritdoc/>
    public void ApplyServices(IServiceCollection services)
    {
        var interceptors = services.Where(d => d.ServiceType == typeof(IInterceptor)
            && d.ImplementationType?.Name == "KegAuthSaveChangesInterceptor").ToList();
        if (interceptors.Count != 1)
        {
            throw new InvalidOperationException("Add this after UseKegAuth; the interceptor was not found.");
        }

        services.Remove(interceptors[0]);
    }

    /// <inheritdoc/>
    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "without the session-key interceptor ";

        // A different provider from the KegAuth one, which has the interceptor.
        public override int GetServiceProviderHashCode() => 1;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["WithoutSessionKeyInterceptor"] = "1";
    }
}
