using System.Collections.Concurrent;

namespace KegAuth.AspNetCore.Tests;

/// <summary>Keeps the reset messages the app would have mailed.</summary>
public sealed class SentResets
{
    public ConcurrentQueue<KegPasswordResetMessage<WebUser>> Messages { get; } = new();
}

public sealed class CapturingResetSender(SentResets sent) : IKegPasswordResetSender<WebUser>
{
    public Task SendAsync(KegPasswordResetMessage<WebUser> message, CancellationToken cancellationToken)
    {
        sent.Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
