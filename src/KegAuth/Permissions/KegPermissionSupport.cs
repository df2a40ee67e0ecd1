using System.ComponentModel;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Infrastructure;

/// <summary>
/// Entity-independent pieces of the generated permission members. Called by generated code; not
/// meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KegPermissionSupport
{
    /// <summary>Runs <paramref name="query"/> once and returns its rows as a set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public static async Task<IReadOnlySet<T>> ToSetAsync<T>(IQueryable<T> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return new HashSet<T>(rows);
    }

    /// <summary>Runs a token query once and returns the tokens as an ordinal set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    public static async Task<IReadOnlySet<string>> ToTokenSetAsync(IQueryable<string> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var rows = await tokens.ToListAsync(cancellationToken).ConfigureAwait(false);
        return new HashSet<string>(rows, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="held"/> contains every one of <paramref name="tokens"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty (see <see cref="RequireTokens"/>).</exception>
    public static bool HasAll(IReadOnlySet<string> held, string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(held);
        RequireTokens(tokens);
        return tokens.All(held.Contains);
    }

    /// <summary>Whether <paramref name="held"/> contains at least one of <paramref name="tokens"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty (see <see cref="RequireTokens"/>).</exception>
    public static bool HasAny(IReadOnlySet<string> held, string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(held);
        RequireTokens(tokens);
        return tokens.Any(held.Contains);
    }

    /// <summary>
    /// Refuses a missing or empty token list, as ASP.NET Core's permission requirement does: "has all
    /// of nothing" is vacuously true, so a check built from an empty list (a typo'd or unloaded
    /// configuration) would let every user through.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty.</exception>
    public static void RequireTokens(string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Length == 0)
        {
            throw new ArgumentException("Give at least one permission token: a check of no tokens would answer for every user.", nameof(tokens));
        }
    }
}
