using System.Security.Cryptography;
using KegAuth.AspNetCore.PasswordReset;
using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Accounts;

/// <summary>The user-creation helper over the app's context and user.</summary>
internal sealed class KegUserCreation<TContext, TUser>(
    KegUserStore<TContext, TUser> users,
    KegAccountMail<TContext, TUser> mail,
    IOptions<KegAuthOptions> options)
    : IKegUserCreation<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    public async Task<KegCreatedUser<TUser>> CreateUserAsync(TUser user, bool sendMail = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Password is null)
        {
            // keg-auth: a random password nobody knows; the verification link sets the real one.
            user.SetPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), options.Value);
        }

        users.Context.Set<TUser>().Add(user);
        await users.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var message = mail.Compose(user, KegMailKind.VerifyAccount);
        if (sendMail)
        {
            await mail.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return new KegCreatedUser<TUser>(user, message.UserKey, message.Url);
    }
}
