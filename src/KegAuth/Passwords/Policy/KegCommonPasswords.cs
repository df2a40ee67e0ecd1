using System.IO.Compression;
using System.Text;

namespace KegAuth;

/// <summary>
/// The list of common passwords shipped inside the package: the 30,000 most frequent passwords of
/// zxcvbn's list (MIT, Dan Wheeler and Dropbox, built from Mark Burnett's corpus of 10 million
/// passwords), lowercased. Loaded once, on first use, into a case-insensitive hash set; a lookup
/// then costs one hash of the password. See <c>THIRD-PARTY-NOTICES.md</c> in the package.
/// </summary>
public static class KegCommonPasswords
{
    /// <summary>The embedded resource holding the list: gzip of UTF-8 text, one lowercase entry a line.</summary>
    internal const string ResourceName = "KegAuth.common-passwords.txt.gz";

    private static readonly Lazy<CommonPasswordSet> List = new(() => CommonPasswordSet.Build(ReadEntries()));

    /// <summary>How many entries the list holds. Loads the list if it is not loaded yet.</summary>
    public static int Count => List.Value.Entries.Count;

    /// <summary>
    /// Whether <paramref name="password"/> is on the list, ignoring case (ordinal, character by
    /// character). Null, empty and over-long strings are not on it. Loads the list on first use
    /// (a few milliseconds; see <c>docs/benchmarks.md</c>). Never throws for any input.
    /// </summary>
    /// <param name="password">The password to look up.</param>
    public static bool Contains(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        var list = List.Value;
        // Every entry is short: a longer string cannot match, and is not worth hashing.
        return password.Length <= list.MaxEntryLength && list.Entries.Contains(password);
    }

    /// <summary>Reads the embedded list: every non-empty line, in the list's order (most common first).</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly: a build or packaging fault.</exception>
    internal static List<string> ReadEntries()
    {
        // Stryker disable once String : the message of a packaging fault no test can cause
        using var stream = typeof(KegCommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the KegAuth assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var entries = new List<string>(capacity: 30_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                entries.Add(line);
            }
        }

        return entries;
    }
}

/// <summary>The loaded list and the length of its longest entry.</summary>
internal sealed record CommonPasswordSet(HashSet<string> Entries, int MaxEntryLength)
{
    /// <summary>Builds the case-insensitive set.</summary>
    public static CommonPasswordSet Build(IReadOnlyCollection<string> entries)
    {
        var set = new HashSet<string>(entries, StringComparer.OrdinalIgnoreCase);
        return new CommonPasswordSet(set, entries.Count == 0 ? 0 : entries.Max(entry => entry.Length));
    }
}
