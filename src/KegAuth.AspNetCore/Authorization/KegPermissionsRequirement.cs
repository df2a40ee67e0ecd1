using Microsoft.AspNetCore.Authorization;

namespace KegAuth.AspNetCore;

/// <summary>
/// Needs the signed-in user to hold all (or any) of some permission tokens (keg-auth
/// <c>requires_permissions</c> with <c>has_all</c> / <c>has_any</c>). A superuser always passes.
/// </summary>
public sealed class KegPermissionsRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="tokens">The permission tokens; at least one, none empty.</param>
    /// <param name="requireAll"><see langword="true"/> to need every token; <see langword="false"/> to need one.</param>
    /// <exception cref="ArgumentException">No token was given, or one is null or empty.</exception>
    public KegPermissionsRequirement(IEnumerable<string> tokens, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var list = tokens.ToArray();
        if (list.Length == 0 || list.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Name at least one permission token, none empty.", nameof(tokens));
        }

        Tokens = list;
        RequireAll = requireAll;
    }

    /// <summary>The permission tokens.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether every token is needed (otherwise one is enough).</summary>
    public bool RequireAll { get; }

    /// <inheritdoc/>
    public override string ToString() => $"KegAuth permissions ({(RequireAll ? "all" : "any")} of: {string.Join(", ", Tokens)})";
}
