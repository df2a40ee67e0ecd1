using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// A bcrypt hash of a random password per work factor, verified when the login id is unknown so that
/// an unknown user costs the same bcrypt work as a wrong password.
/// </summary>
internal static class DummyPasswordHash
{
    private static readonly ConcurrentDictionary<int, PasswordHash> Hashes = new();

    public static PasswordHash For(int workFactor)
        => Hashes.GetOrAdd(workFactor, cost => PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), cost));
}
