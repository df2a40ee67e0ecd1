namespace KegAuth;

/// <summary>One stored-hash format: recognising, verifying and judging it.</summary>
internal interface IPasswordHashScheme
{
    /// <summary>A short name for messages and <see cref="PasswordHash.ToString"/>.</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="hash"/> is complete and parseable in this format.</summary>
    bool IsWellFormed(string hash);

    /// <summary>Whether <paramref name="plain"/> matches; may throw on bad input (the caller catches).</summary>
    bool Verify(string plain, string hash);

    /// <summary>Whether the hash should be replaced by a bcrypt hash at <paramref name="workFactor"/>.</summary>
    bool NeedsRehash(string hash, int workFactor);
}
