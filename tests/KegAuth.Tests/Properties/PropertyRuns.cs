namespace KegAuth.Tests.Properties;

/// <summary>
/// How many cases each property runs. <c>dotnet test</c> keeps the counts modest (the machine is
/// shared); <c>KEGAUTH_LONG_PROPERTIES=1</c> runs at least <see cref="LongIterations"/> each, for the record.
/// </summary>
internal static class PropertyRuns
{
    /// <summary>The environment variable that turns on the long mode.</summary>
    public const string LongModeVariable = "KEGAUTH_LONG_PROPERTIES";

    /// <summary>The case count of every property in the long mode.</summary>
    public const long LongIterations = 100_000;

    /// <summary>Whether the long mode is on.</summary>
    public static bool IsLong => Environment.GetEnvironmentVariable(LongModeVariable) is "1" or "true";

    /// <summary>The case count: <paramref name="quick"/> normally, <see cref="LongIterations"/> in the long mode.</summary>
    public static long Iterations(long quick) => IsLong ? Math.Max(quick, LongIterations) : quick;

    /// <summary>Two threads at most: other builds share the cores, and the database properties share one file.</summary>
    public const int Threads = 2;
}
