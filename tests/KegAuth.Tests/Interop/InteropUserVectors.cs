using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace KegAuth.Tests.Interop;

/// <summary>One <c>users[]</c> entry of keg-auth-vectors.json: a stored user and the tokens keg-auth made for it.</summary>
public sealed record InteropUserVector(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("password_hash")] string? PasswordHash,
    [property: JsonPropertyName("last_login_utc")] string? LastLoginUtcText,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("expected_salt")] string ExpectedSalt,
    [property: JsonPropertyName("expected_signing_key_hex")] string ExpectedSigningKeyHex,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("legacy_token")] string LegacyToken,
    [property: JsonPropertyName("tampered_token")] string TamperedToken,
    [property: JsonPropertyName("no_exp_token")] string NoExpToken,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp")] long Expires,
    [property: JsonPropertyName("valid_at")] IReadOnlyList<long> ValidAt,
    [property: JsonPropertyName("invalid_at")] IReadOnlyList<long> InvalidAt)
{
    /// <summary>The last login as a UTC <see cref="DateTime"/>, or null.</summary>
    public DateTime? LastLoginUtc =>
        LastLoginUtcText is null
            ? null
            : DateTimeOffset.Parse(LastLoginUtcText, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;
}

/// <summary>Loads the <c>users</c> vectors copied next to the test assembly.</summary>
public static class InteropUserVectors
{
    private static readonly Lazy<IReadOnlyList<InteropUserVector>> Loaded = new(Load);

    /// <summary>Every user vector, in file order.</summary>
    public static IReadOnlyList<InteropUserVector> All => Loaded.Value;

    /// <summary>The vector with this id.</summary>
    public static InteropUserVector ById(long id) => All.Single(v => v.Id == id);

    /// <summary>One theory row per vector, keyed by id so each shows as its own case.</summary>
    public static TheoryData<long> Ids()
    {
        var data = new TheoryData<long>();
        foreach (var vector in All)
        {
            data.Add(vector.Id);
        }

        return data;
    }

    /// <summary>One theory row per (vector, time) pair from the vectors' <c>valid_at</c> lists.</summary>
    public static TheoryData<long, long> ValidTimes() => Pairs(v => v.ValidAt);

    /// <summary>One theory row per (vector, time) pair from the vectors' <c>invalid_at</c> lists.</summary>
    public static TheoryData<long, long> InvalidTimes() => Pairs(v => v.InvalidAt);

    private static TheoryData<long, long> Pairs(Func<InteropUserVector, IReadOnlyList<long>> times)
    {
        var data = new TheoryData<long, long>();
        foreach (var vector in All)
        {
            foreach (var time in times(vector))
            {
                data.Add(vector.Id, time);
            }
        }

        return data;
    }

    private static IReadOnlyList<InteropUserVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Interop", "keg-auth-vectors.json");
        using var stream = File.OpenRead(path);
        var document = JsonSerializer.Deserialize<UsersDocument>(stream)
            ?? throw new InvalidDataException($"{path} is empty.");
        return document.Users;
    }

    private sealed record UsersDocument([property: JsonPropertyName("users")] IReadOnlyList<InteropUserVector> Users);
}
