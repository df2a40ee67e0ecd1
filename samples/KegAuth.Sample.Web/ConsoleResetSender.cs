using System.Text.Json;
using KegAuth.AspNetCore;

namespace KegAuth.Sample.Web;

/// <summary>
/// Prints each reset or verification message instead of mailing it (a sample has no mail server), as one line:
/// <c>KegAuth mail: </c> and JSON <c>{"to", "kind", "url", "userKey", "token"}</c>. The link comes from
/// the configured public base URL, never from the request.
/// </summary>
public sealed class ConsoleResetSender : IKegPasswordResetSender<User>
{
    /// <inheritdoc/>
    public Task SendAsync(KegPasswordResetMessage<User> message, CancellationToken cancellationToken)
    {
        var mail = new { to = message.User.Username, kind = message.Kind == KegMailKind.VerifyAccount ? "verify-account" : "reset-password", url = message.Url.AbsoluteUri, userKey = message.UserKey, token = message.Token };
        Console.WriteLine("KegAuth mail: " + JsonSerializer.Serialize(mail));
        return Task.CompletedTask;
    }
}
