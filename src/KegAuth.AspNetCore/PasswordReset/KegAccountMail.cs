using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>
/// Issues a token for a user and hands the message with its link to the app's sender: on the
/// background queue, or inline when <see cref="KegPasswordResetOptions.SendInBackground"/> is off.
/// One place for reset, verification and new-user mail.
/// </summary>
internal sealed class KegAccountMail<TContext, TUser>(
    KegUserStore<TContext, TUser> users,
    IServiceProvider services,
    IOptions<KegAuthOptions> options,
    IOptions<KegPasswordResetOptions> resetOptions)
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    /// <summary>Builds the message for <paramref name="user"/> (its key must be known: save a new user first).</summary>
    public KegPasswordResetMessage<TUser> Compose(TUser user, KegMailKind kind)
    {
        var token = user.TokenGenerate(options.Value);
        var key = users.GetKey(user);
        return new KegPasswordResetMessage<TUser>(user, key, token, resetOptions.Value.BuildLink(key, token, kind), kind);
    }

    /// <summary>Hands <paramref name="message"/> to the sender.</summary>
    public async Task SendAsync(KegPasswordResetMessage<TUser> message, CancellationToken cancellationToken)
    {
        if (resetOptions.Value.SendInBackground)
        {
            services.GetRequiredService<KegResetMessageQueue<TUser>>().Enqueue(message);
            return;
        }

        await services.GetRequiredService<IKegPasswordResetSender<TUser>>().SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the user may get a reset or verification mail: enabled and not disabled by date. An
    /// unverified user may (keg-auth's <c>verify_user(allow_unverified=True)</c>): completing the reset
    /// verifies the account.
    /// </summary>
    public bool MayReset(TUser user) => user.IsEnabled && !(user.DisabledUtc <= users.UtcNow);
}
