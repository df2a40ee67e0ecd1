using System.Data.Common;
using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.Benchmarks;

/// <summary>
/// Permission resolution (issue 7 items 4 and 6) for one provider. Baseline: <see cref="PermissionSeed.UnionSql"/>
/// through ADO.NET on a new (pooled) connection, read into new entities. Against it:
/// <list type="bullet">
/// <item><c>GetAllPermissionsAsync</c> on a new context per call (<c>AddDbContext</c>), tracked;</item>
/// <item>the same on a pooled context (<c>AddDbContextPool</c>), tracked;</item>
/// <item>the same on a pooled context whose <c>QueryTrackingBehavior</c> is <c>NoTracking</c>;</item>
/// <item>EF's own floor for tracked entities: the baseline's SQL through <c>FromSqlRaw</c> on a pooled context.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public abstract class PermissionBenchmarksBase
{
    private DbContextOptions<BenchContext> _options = null!;
    private PooledDbContextFactory<BenchContext> _pool = null!;
    private PooledDbContextFactory<BenchContext> _untrackedPool = null!;
    private string _fromSql = null!;
    private BenchUser _user = null!;

    /// <summary>Users in the database.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Users { get; set; }

    /// <summary>Builds or finds the seeded database and checks that every row returns the baseline's permissions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _options = Prepare();
        _pool = new PooledDbContextFactory<BenchContext>(_options);
        _untrackedPool = new PooledDbContextFactory<BenchContext>(
            new DbContextOptionsBuilder<BenchContext>(_options).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options);
        _fromSql = PermissionSeed.UnionSql.Replace("@id", "{0}", StringComparison.Ordinal);

        // Only Id and IsSuperuser are read; a request has the user already.
        _user = new BenchUser { Id = Users / 2 };
        var expected = Ids(HandWrittenUnion().GetAwaiter().GetResult());
        if (expected.Count == 0)
        {
            throw new InvalidOperationException("The seeded user has no permissions.");
        }

        foreach (var (name, rows) in new (string, IEnumerable<BenchPermission>)[]
        {
            (nameof(GetAllPermissionsAsync), GetAllPermissionsAsync().GetAwaiter().GetResult()),
            (nameof(GetAllPermissionsAsync_Pooled), GetAllPermissionsAsync_Pooled().GetAwaiter().GetResult()),
            (nameof(GetAllPermissionsAsync_PooledNoTracking), GetAllPermissionsAsync_PooledNoTracking().GetAwaiter().GetResult()),
            (nameof(EfFloor_FromSqlTracked_Pooled), EfFloor_FromSqlTracked_Pooled().GetAwaiter().GetResult()),
        })
        {
            if (!Ids(rows).SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{name} and the UNION query disagree.");
            }
        }

        static List<int> Ids(IEnumerable<BenchPermission> rows) => rows.Select(p => p.Id).Order().ToList();
    }

    /// <summary>The hand-written UNION.</summary>
    [Benchmark(Baseline = true)]
    public async Task<HashSet<BenchPermission>> HandWrittenUnion()
    {
        await using var connection = NewConnection();
        await connection.OpenAsync();
        return await PermissionSeed.ReadUnionAsync(connection, _user.Id);
    }

    /// <summary>KegAuth on a new context, tracked.</summary>
    [Benchmark]
    public async Task<IReadOnlySet<BenchPermission>> GetAllPermissionsAsync()
    {
        await using var db = new BenchContext(_options);
        return await _user.GetAllPermissionsAsync(db);
    }

    /// <summary>KegAuth on a pooled context, tracked.</summary>
    [Benchmark]
    public async Task<IReadOnlySet<BenchPermission>> GetAllPermissionsAsync_Pooled()
    {
        await using var db = _pool.CreateDbContext();
        return await _user.GetAllPermissionsAsync(db);
    }

    /// <summary>KegAuth on a pooled no-tracking context.</summary>
    [Benchmark]
    public async Task<IReadOnlySet<BenchPermission>> GetAllPermissionsAsync_PooledNoTracking()
    {
        await using var db = _untrackedPool.CreateDbContext();
        return await _user.GetAllPermissionsAsync(db);
    }

    /// <summary>The baseline's own SQL through EF, tracked: what EF costs for these entities before any KegAuth code.</summary>
    [Benchmark]
    public async Task<List<BenchPermission>> EfFloor_FromSqlTracked_Pooled()
    {
        await using var db = _pool.CreateDbContext();
        return await db.Permissions.FromSqlRaw(_fromSql, _user.Id).ToListAsync();
    }

    /// <summary>Builds or finds the seeded database for <see cref="Users"/>; returns KegAuth options on it.</summary>
    protected abstract DbContextOptions<BenchContext> Prepare();

    /// <summary>A new, unopened ADO.NET connection to the seeded database.</summary>
    protected abstract DbConnection NewConnection();
}
