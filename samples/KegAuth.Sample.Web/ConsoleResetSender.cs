using KegAuth.AspNetCore;

namespace KegAuth.Sample.Web;

/// <summary>Prints the reset link instead of mailing it: a sample has no mail server.</summary>
public sealed class ConsoleResetSender(IHttpContextAccessor http) : IKegPasswordResetSender<User>
{
    public Task SendAsync(KegPasswordResetMessage<User> message, CancellationToken cancellationToken)
    {
        var request = http.HttpContext?.Request;
        var origin = request is null ? string.Empty : $"{request.Scheme}://{request.Host}";
        Console.WriteLine($"Password reset for {message.User.Username}: POST {origin}/reset-password with {{\"userKey\": \"{message.UserKey}\", \"token\": \"{message.Token}\", \"newPassword\": \"...\"}}");
        return Task.CompletedTask;
    }
}
