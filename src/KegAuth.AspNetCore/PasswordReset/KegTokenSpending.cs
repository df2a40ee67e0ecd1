using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>
/// Spends a reset token exactly once. A token is valid while the password hash it was salted with is
/// stored, so the save claims the row with a conditional update on that hash first: of two requests
/// racing with one token, the second finds the hash changed (PostgreSQL re-checks the condition after
/// the first commits; SQLite runs the two write transactions one after the other) and saves nothing.
/// </summary>
internal static class KegTokenSpending
{
    /// <summary>
    /// Saves the context's changes (the new password, and with them the session-key reset) only if the
    /// user's stored hash is still <paramref name="oldHash"/>; false, with nothing saved, otherwise.
    /// </summary>
    public static async Task<bool> SaveIfUnspentAsync<TUser>(
        DbContext db,
        Expression<Func<TUser, bool>> isUser,
        PasswordHash? oldHash,
        PasswordHash? newHash,
        CancellationToken cancellationToken)
        where TUser : class, IKegUser
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
                var stillUnspent = db.Set<TUser>().Where(isUser);
                stillUnspent = oldHash is null
                    ? stillUnspent.Where(user => user.Password == null)
                    : stillUnspent.Where(user => user.Password == oldHash);
                var claimed = await stillUnspent.ExecuteUpdateAsync(set => set.SetProperty(user => user.Password, newHash), token).ConfigureAwait(false);
                if (claimed == 0)
                {
                    return false;
                }

                await db.SaveChangesAsync(token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
