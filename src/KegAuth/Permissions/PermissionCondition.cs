using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// A rule over a user's permissions (keg-auth <c>PermissionCondition</c>, <c>has_all</c>,
/// <c>has_any</c>): permission tokens, predicates on the user and nested conditions, combined with
/// <see cref="HasAll"/> or <see cref="HasAny"/>. A string converts to a condition that needs that token.
/// </summary>
/// <example><code>
/// var canEdit = PermissionCondition.HasAny("admin", PermissionCondition.HasAll("edit", "publish"),
///     PermissionCondition.Where(user => user.IsSuperuser));
/// bool allowed = await canEdit.IsSatisfiedByAsync(user, db);
/// </code></example>
public abstract class PermissionCondition
{
    private protected PermissionCondition()
    {
    }

    /// <summary>Needs the single permission <paramref name="token"/>.</summary>
    /// <param name="token">The permission token.</param>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public static implicit operator PermissionCondition([KegPermissionToken] string token) => Token(token);

    /// <summary>Needs every one of <paramref name="conditions"/> (keg-auth <c>has_all</c>, <c>RequiresAllPermissions</c>).</summary>
    /// <param name="conditions">Tokens, predicates or nested conditions; at least one.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentException">No condition was given, or one of them is null.</exception>
    public static PermissionCondition HasAll(params PermissionCondition[] conditions) => new Combined(conditions, requireAll: true);

    /// <summary>Needs at least one of <paramref name="conditions"/> (keg-auth <c>has_any</c>, <c>RequiresAnyPermission</c>).</summary>
    /// <param name="conditions">Tokens, predicates or nested conditions; at least one.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentException">No condition was given, or one of them is null.</exception>
    public static PermissionCondition HasAny(params PermissionCondition[] conditions) => new Combined(conditions, requireAll: false);

    /// <summary>Needs the permission <paramref name="token"/>.</summary>
    /// <param name="token">The permission token.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public static PermissionCondition Token([KegPermissionToken] string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenCondition(token);
    }

    /// <summary>Holds when <paramref name="predicate"/> returns <see langword="true"/> for the user (keg-auth callable conditions).</summary>
    /// <param name="predicate">The test of the user.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public static PermissionCondition Where(Func<IKegPermissionUser, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new PredicateCondition(predicate);
    }

    /// <summary>Whether <paramref name="user"/> satisfies the condition (keg-auth <c>check</c>). Token checks use the user's cached tokens.</summary>
    /// <param name="user">The user.</param>
    /// <param name="db">The context to query the user's permissions with.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Whether the condition holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or <paramref name="db"/> is null.</exception>
    public async Task<bool> IsSatisfiedByAsync(IKegPermissionUser user, DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        return await CheckAsync(user, db, cancellationToken).ConfigureAwait(false);
    }

    private protected abstract Task<bool> CheckAsync(IKegPermissionUser user, DbContext db, CancellationToken cancellationToken);

    private sealed class TokenCondition(string token) : PermissionCondition
    {
        private protected override async Task<bool> CheckAsync(IKegPermissionUser user, DbContext db, CancellationToken cancellationToken)
            => (await user.GetAllPermissionTokensAsync(db, cancellationToken).ConfigureAwait(false)).Contains(token);
    }

    private sealed class PredicateCondition(Func<IKegPermissionUser, bool> predicate) : PermissionCondition
    {
        private protected override Task<bool> CheckAsync(IKegPermissionUser user, DbContext db, CancellationToken cancellationToken)
            => Task.FromResult(predicate(user));
    }

    private sealed class Combined : PermissionCondition
    {
        private readonly PermissionCondition[] _conditions;
        private readonly bool _requireAll;

        public Combined(PermissionCondition[] conditions, bool requireAll)
        {
            if (conditions is null || conditions.Length == 0)
            {
                throw new ArgumentException("At least one permission token, predicate or condition must be provided.", nameof(conditions));
            }

            if (Array.IndexOf(conditions, null) >= 0)
            {
                throw new ArgumentException("A permission condition is null; pass tokens, predicates or conditions.", nameof(conditions));
            }

            _conditions = (PermissionCondition[])conditions.Clone();
            _requireAll = requireAll;
        }

        private protected override async Task<bool> CheckAsync(IKegPermissionUser user, DbContext db, CancellationToken cancellationToken)
        {
            foreach (var condition in _conditions)
            {
                if (await condition.CheckAsync(user, db, cancellationToken).ConfigureAwait(false) != _requireAll)
                {
                    return !_requireAll;
                }
            }

            return _requireAll;
        }
    }
}
