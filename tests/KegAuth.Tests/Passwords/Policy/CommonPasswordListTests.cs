using System.IO.Compression;
using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>The shipped list: its size, its case-insensitive lookups, and its resource.</summary>
public class CommonPasswordListTests
{
    [Fact]
    public void The_list_has_thirty_thousand_distinct_lowercase_entries()
    {
        var entries = KegCommonPasswords.ReadEntries();

        Assert.Equal(30_000, entries.Count);
        Assert.Equal(30_000, KegCommonPasswords.Count);
        Assert.Equal(entries.Count, entries.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(entries, entry => Assert.Equal(entry.Trim().ToLowerInvariant(), entry));
        Assert.Equal(["123456", "password", "12345678"], entries.Take(3));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("PassWord")]
    [InlineData("iloveyou1")]
    [InlineData("ILoveYou1")]
    public void Entries_are_found_in_any_case(string password) => Assert.True(KegCommonPasswords.Contains(password));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" password")]
    [InlineData("password ")]
    [InlineData("correct horse battery staple")]
    [InlineData("Tr0ub4dor&3-and-more")]
    public void Other_strings_are_not_found(string? password) => Assert.False(KegCommonPasswords.Contains(password));

    [Fact]
    public void The_resource_is_gzip_and_small()
    {
        using var stream = typeof(KegCommonPasswords).Assembly.GetManifestResourceStream(KegCommonPasswords.ResourceName);

        Assert.NotNull(stream);
        Assert.InRange(stream.Length, 1, 200_000);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        Assert.NotEqual(-1, gzip.ReadByte());
    }
}
