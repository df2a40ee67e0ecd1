using System.Globalization;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>The databases the end-to-end harness can run on.</summary>
internal enum EndToEndDatabaseKind
{
    /// <summary>A SQLite file in the temp folder.</summary>
    Sqlite,

    /// <summary>A database on the tests' self-starting PostgreSQL server (or <c>KEGAUTH_TEST_POSTGRES</c>).</summary>
    Postgres,
}

/// <summary>
/// The switches of <c>--end-to-end</c>: <c>[--database sqlite|postgres[,..]] [--concurrency 1,16,64]
/// [--requests N] [--users N] [--check] [--setups NAME[,..]] [--paths /me[,..]] [--context-pool] [--rounds N]</c>. <c>--check</c> starts,
/// seeds and checks every set-up (status codes and bodies) and sends no load: the harness's own test, with
/// nothing timed. <c>--setups</c> and <c>--paths</c> measure only those set-ups (by name, e.g.
/// <c>"KegAuth cookie"</c>) and endpoints, for profiling one cell; every set-up is still started and checked.
/// <c>--context-pool</c> registers both apps' contexts with <c>AddDbContextPool</c> instead of <c>AddDbContext</c>.
/// <c>--rounds</c> measures every cell that many times, the set-ups of one endpoint and client count back
/// to back in each round, and reports medians (the machine's drift between cells was ±20%).
/// </summary>
internal sealed record EndToEndOptions(
    IReadOnlyList<EndToEndDatabaseKind> Databases, IReadOnlyList<int> Concurrency, int Requests, int Users, bool CheckOnly,
    IReadOnlyList<string>? Setups = null, IReadOnlyList<string>? Paths = null, bool ContextPool = false, int Rounds = 1)
{
    /// <summary>Whether the cells of <paramref name="setup"/> at <paramref name="path"/> are measured.</summary>
    public bool Measures(string setup, string path)
        => (Setups is null || Setups.Contains(setup, StringComparer.OrdinalIgnoreCase)) && (Paths is null || Paths.Contains(path, StringComparer.Ordinal));

    /// <summary>The switch that selects the harness.</summary>
    public const string Switch = "--end-to-end";

    /// <summary>Parses <paramref name="args"/> (the switch itself included); throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static EndToEndOptions Parse(IReadOnlyList<string> args)
    {
        IReadOnlyList<EndToEndDatabaseKind> databases = [EndToEndDatabaseKind.Sqlite];
        IReadOnlyList<int> concurrency = [1, 16, 64];
        var requests = 20_000;
        var users = 1_000;
        var checkOnly = false;
        IReadOnlyList<string>? setups = null;
        IReadOnlyList<string>? paths = null;
        var contextPool = false;
        var rounds = 1;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case Switch:
                    break;
                case "--database":
                    databases = Value(args, ref i).Split(',').Select(ParseDatabase).Distinct().ToList();
                    break;
                case "--concurrency":
                    concurrency = Value(args, ref i).Split(',').Select(v => Positive(v, "--concurrency")).Distinct().ToList();
                    break;
                case "--requests":
                    requests = Positive(Value(args, ref i), "--requests");
                    break;
                case "--check":
                    checkOnly = true;
                    break;
                case "--users":
                    users = Positive(Value(args, ref i), "--users");
                    break;
                case "--setups":
                    setups = Value(args, ref i).Split(',').Select(v => v.Trim()).ToList();
                    break;
                case "--paths":
                    paths = Value(args, ref i).Split(',').Select(v => v.Trim()).ToList();
                    break;
                case "--context-pool":
                    contextPool = true;
                    break;
                case "--rounds":
                    rounds = Positive(Value(args, ref i), "--rounds");
                    break;
                default:
                    throw new ArgumentException($"Unknown end-to-end switch '{args[i]}'. Use --database sqlite|postgres, --concurrency 1,16,64, --requests N, --users N, --check, --setups NAME,.., --paths /me,.., --context-pool, --rounds N.");
            }
        }

        return new EndToEndOptions(databases, concurrency, requests, users, checkOnly, setups, paths, contextPool, rounds);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
        => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static EndToEndDatabaseKind ParseDatabase(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sqlite" => EndToEndDatabaseKind.Sqlite,
        "postgres" or "postgresql" => EndToEndDatabaseKind.Postgres,
        _ => throw new ArgumentException($"--database takes sqlite or postgres, not '{text}'."),
    };

    private static int Positive(string text, string name)
        => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes positive whole numbers, not '{text}'.");
}
