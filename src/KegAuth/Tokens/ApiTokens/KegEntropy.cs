namespace KegAuth;

/// <summary>
/// passlib's named entropy levels, in bits, for the <c>entropyBits</c> parameter of
/// <c>GenerateRawAuthToken</c> and <c>ResetAuthToken</c>. An API token must carry at least 64 bits
/// (<see cref="Infrastructure.KegApiTokens.MinEntropyBits"/>), and every named level is under that:
/// with <c>length: null</c> give 64 or more; with the default length of 32 any level passes.
/// </summary>
public static class KegEntropy
{
    /// <summary>12 bits (passlib <c>"unsafe"</c>).</summary>
    public const int Unsafe = 12;

    /// <summary>24 bits (passlib <c>"weak"</c>).</summary>
    public const int Weak = 24;

    /// <summary>36 bits (passlib <c>"fair"</c>).</summary>
    public const int Fair = 36;

    /// <summary>48 bits (passlib <c>"strong"</c>), passlib's default when neither length nor entropy is given.</summary>
    public const int Strong = 48;

    /// <summary>60 bits (passlib <c>"secure"</c>).</summary>
    public const int Secure = 60;
}
