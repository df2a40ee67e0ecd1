using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;

namespace KegAuth.Benchmarks;

/// <summary>
/// Issue 15 item 1: loading the shipped list of 30,000 common passwords (done once per process, on
/// first use) and building the case-insensitive set, against a frozen set as the alternative.
/// </summary>
[MemoryDiagnoser]
public class CommonPasswordLoadBenchmarks
{
    private List<string> _entries = null!;

    /// <summary>Reads the list once, for the set-building benchmarks.</summary>
    [GlobalSetup]
    public void Setup() => _entries = KegCommonPasswords.ReadEntries();

    /// <summary>What the first lookup pays: decompress, split, build the set.</summary>
    [Benchmark(Baseline = true)]
    public int FullLoad() => CommonPasswordSet.Build(KegCommonPasswords.ReadEntries()).Entries.Count;

    /// <summary>Decompressing and splitting the embedded resource alone.</summary>
    [Benchmark]
    public int ReadEntries() => KegCommonPasswords.ReadEntries().Count;

    /// <summary>Building the shipped <see cref="HashSet{T}"/> from the entries.</summary>
    [Benchmark]
    public int BuildHashSet() => new HashSet<string>(_entries, StringComparer.OrdinalIgnoreCase).Count;

    /// <summary>The alternative: a <see cref="FrozenSet{T}"/>, slower to build, for its lookups below.</summary>
    [Benchmark]
    public int BuildFrozenSet() => _entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase).Count;
}

/// <summary>
/// Issue 15 item 1: one lookup in the list, hit and miss, in the shipped hash set, in a frozen set,
/// and in a 1,000-entry hash set (the same cost shows the lookup does not grow with the list); and
/// the whole built-in rule set on a good password, which includes one lookup.
/// </summary>
[MemoryDiagnoser]
public class CommonPasswordLookupBenchmarks
{
    private const string Hit = "Iloveyou1";
    private const string Miss = "Velvet-Otter-42";

    private HashSet<string> _hashSet = null!;
    private HashSet<string> _small = null!;
    private FrozenSet<string> _frozen = null!;
    private readonly KegPasswordRules _rules = new();

    /// <summary>Builds the sets and warms the shipped one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var entries = KegCommonPasswords.ReadEntries();
        _hashSet = new HashSet<string>(entries, StringComparer.OrdinalIgnoreCase);
        _small = new HashSet<string>(entries.Take(1_000), StringComparer.OrdinalIgnoreCase);
        _frozen = entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        if (!KegCommonPasswords.Contains(Hit) || KegCommonPasswords.Contains(Miss) || _rules.Check(Miss, "ada@example.com").Count != 0)
        {
            throw new InvalidOperationException("The benchmark passwords do not behave as expected.");
        }
    }

    /// <summary>The public lookup, a password on the list in another case.</summary>
    [Benchmark(Baseline = true)]
    public bool ContainsHit() => KegCommonPasswords.Contains(Hit);

    /// <summary>The public lookup, a password not on the list.</summary>
    [Benchmark]
    public bool ContainsMiss() => KegCommonPasswords.Contains(Miss);

    /// <summary>The same miss in a hash set of the first 1,000 entries.</summary>
    [Benchmark]
    public bool SmallSetMiss() => _small.Contains(Miss);

    /// <summary>The same miss in the full hash set, without the public method's length guard.</summary>
    [Benchmark]
    public bool HashSetMiss() => _hashSet.Contains(Miss);

    /// <summary>The same miss in a frozen set.</summary>
    [Benchmark]
    public bool FrozenSetMiss() => _frozen.Contains(Miss);

    /// <summary>The same hit in a frozen set.</summary>
    [Benchmark]
    public bool FrozenSetHit() => _frozen.Contains(Hit);

    /// <summary>Every built-in rule on a good password with an email login id.</summary>
    [Benchmark]
    public int AllRules() => _rules.Check(Miss, "ada@example.com").Count;
}
