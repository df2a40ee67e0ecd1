using System.Text.Encodings.Web;
using KegAuth.AspNetCore.Users;
using KegAuth.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>
/// Authenticates a request by its API token (keg-auth's token authenticator): finds the user with the
/// generated lookup, rejects an inactive user, saves a bcrypt-to-fast hash upgrade, and issues a
/// principal with the user's key, login id and session key.
/// </summary>
internal sealed class KegApiTokenHandler<TContext, TUser>(
    IOptionsMonitor<KegApiTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KegUserStore<TContext, TUser> users)
    : AuthenticationHandler<KegApiTokenOptions>(options, logger, encoder)
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserToken
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = KegApiTokenReader.Read(Request, Options.HeaderName);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        // The same lookup the generated GetUserForApiTokenAsync runs; generic code cannot call that static.
        var user = await KegApiTokens.FindUserAsync(users.Context.Set<TUser>(), token, Context.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return AuthenticateResult.Fail("The API token is not valid.");
        }

        if (!user.IsActiveAt(users.UtcNow))
        {
            return AuthenticateResult.Fail("The API token's user is not active.");
        }

        if (users.Context.Entry(user).Property(nameof(IKegUserToken.Token)).IsModified)
        {
            // A bcrypt hash from keg-auth verified and was replaced by the fast hash: keep it.
            await users.Context.SaveChangesAsync(Context.RequestAborted).ConfigureAwait(false);
        }

        users.Remember(user);
        var principal = users.CreatePrincipal(user, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
