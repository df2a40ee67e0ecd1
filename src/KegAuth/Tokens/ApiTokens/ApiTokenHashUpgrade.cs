using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// Writes the bcrypt-to-fast API-token hash upgrade as one conditional update, so a revocation or
/// rotation saved after the user was read is never undone by it (issue 13, item 8).
/// </summary>
internal static class ApiTokenHashUpgrade
{
    /// <summary>See <see cref="Infrastructure.KegApiTokens.UpgradeHashAsync"/>.</summary>
    public static async Task<bool> WriteAsync<TUser>(IQueryable<TUser> users, TUser user, PasswordHash verifiedHash, string rawToken, CancellationToken cancellationToken)
        where TUser : class, IKegUser<TUser>, IKegUserToken
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(verifiedHash);
        var upgraded = PasswordHash.CreateForToken(rawToken);
        if (verifiedHash.IsFastTokenHash || EntityFrameworkCore.KegQueryRoots.KeyProperty(users.Expression) is not { } keyProperty)
        {
            return false;
        }

        var key = keyProperty.GetValue(user);
        var row = Expression.Parameter(typeof(TUser), "user");
        var token = Expression.Property(row, typeof(TUser).GetProperty(nameof(IKegUserToken.Token))!);

        // Closures, not constants: EF sends key and old hash as parameters (the hash through its converter).
        Expression<Func<PasswordHash>> oldValue = () => verifiedHash;
        var sameRow = EntityFrameworkCore.KegQueryRoots.SameRow(row, keyProperty, key);
        var sameHash = Expression.Equal(token, oldValue.Body);
        var filter = Expression.Lambda<Func<TUser, bool>>(Expression.AndAlso(sameRow, sameHash), row);
        var tokenColumn = Expression.Lambda<Func<TUser, PasswordHash?>>(token, row);

        var written = await users.Where(filter)
            .ExecuteUpdateAsync(setters => setters.SetProperty(tokenColumn, upgraded), cancellationToken)
            .ConfigureAwait(false);
        return written == 1;
    }
}
