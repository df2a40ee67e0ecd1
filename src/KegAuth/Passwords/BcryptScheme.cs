using System.Text.RegularExpressions;

namespace KegAuth;

/// <summary>bcrypt in the modular-crypt layout passlib and BCrypt.Net write: <c>$2b$12$</c> + 22 salt + 31 hash characters.</summary>
/// <remarks>
/// Only the first 72 UTF-8 bytes of a password count, as in passlib: BCrypt.Net-Next cycles the key
/// bytes over bcrypt's 72-byte key schedule and never reads past it (the interop vectors with
/// <c>wrong_verifies</c> check this). Passwords are encoded as strict UTF-8; an unpaired surrogate
/// throws, which <see cref="PasswordHash.Verify"/> turns into false.
/// <para>
/// Any cost from 4 to 31 is well formed (a row holding one loads), but a stored hash above
/// <see cref="KegAuthOptions.MaxPasswordWorkFactor"/> is never run: each step doubles the work, so a
/// tampered or mistaken <c>$2b$31$</c> row would otherwise pin a core for days per login.
/// </para>
/// </remarks>
internal sealed partial class BcryptScheme : IPasswordHashScheme
{
    /// <summary>The one instance.</summary>
    public static readonly BcryptScheme Instance = new();

    /// <inheritdoc/>
    public string Name => "bcrypt";

    /// <summary>The largest cost the modular-crypt layout allows.</summary>
    public const int MaxFormatCost = 31;

    /// <inheritdoc/>
    public bool IsWellFormed(string hash) => hash.Length == 60 && BcryptLayout().IsMatch(hash) && TryGetCost(hash, out _);

    /// <summary>Whether verifying <paramref name="hash"/> costs at most <see cref="KegAuthOptions.MaxPasswordWorkFactor"/>; read from the cost field, nothing is computed.</summary>
    public static bool IsAffordable(string hash) => TryGetCost(hash, out var cost) && cost <= KegAuthOptionsValidation.MaxWorkFactor;

    /// <summary>Hashes <paramref name="plain"/> as <c>$2b$</c> at <paramref name="workFactor"/>.</summary>
    public string Create(string plain, int workFactor) =>
        BCrypt.Net.BCrypt.HashPassword(plain, BCrypt.Net.BCrypt.GenerateSalt(workFactor, 'b'));

    /// <summary>Whether <paramref name="plain"/> matches; false, before any hashing, for a cost above the cap.</summary>
    public bool Verify(string plain, string hash) => IsWellFormed(hash) && IsAffordable(hash) && BCrypt.Net.BCrypt.Verify(plain, hash);

    /// <summary>True below <paramref name="workFactor"/>, and above the cap: such a hash never verifies, so it must be replaced.</summary>
    public bool NeedsRehash(string hash, int workFactor) => !IsAffordable(hash) || !TryGetCost(hash, out var cost) || cost < workFactor;

    private static bool TryGetCost(string hash, out int cost) =>
        int.TryParse(hash.AsSpan(4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cost)
        && cost is >= KegAuthOptionsValidation.MinWorkFactor and <= MaxFormatCost;

    [GeneratedRegex(@"^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$", RegexOptions.CultureInvariant)]
    private static partial Regex BcryptLayout();
}
