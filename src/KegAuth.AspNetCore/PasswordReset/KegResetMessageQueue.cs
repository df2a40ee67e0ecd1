using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>
/// Reset messages waiting for the app's sender, so a request for an existing user answers as fast as
/// one for an unknown user whatever the mail server's latency. Bounded: when full, a message is dropped
/// and logged (a flood of forgot requests must not grow memory without bound).
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed partial class KegResetMessageQueue<TUser>(IServiceScopeFactory scopes, ILogger<KegResetMessageQueue<TUser>> logger)
    : BackgroundService
    where TUser : class, IKegUser
{
    private const int Capacity = 1024;

    private readonly Channel<KegPasswordResetMessage<TUser>> _messages = Channel.CreateBounded<KegPasswordResetMessage<TUser>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = Completed();

    /// <summary>Queues <paramref name="message"/>; false (and logged) when the queue is full.</summary>
    public bool Enqueue(KegPasswordResetMessage<TUser> message)
    {
        lock (_gate)
        {
            if (!_messages.Writer.TryWrite(message))
            {
                LogDropped(logger, Capacity);
                return false;
            }

            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return true;
        }
    }

    /// <summary>Completes when every message queued so far has been handed to the sender (sent or failed).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _messages.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<IKegPasswordResetSender<TUser>>();
                await sender.SendAsync(message, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The exception's type only: a sender's message may quote the link, which holds the token.
                LogSendFailed(logger, exception.GetType().Name);
            }
            finally
            {
                Sent();
            }
        }
    }

    private void Sent()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    [LoggerMessage(EventId = 1101, EventName = "ResetMessageDropped", Level = LogLevel.Warning, Message = "A password-reset message was dropped: {Capacity} messages are already waiting for the sender.")]
    private static partial void LogDropped(ILogger logger, int capacity);

    [LoggerMessage(EventId = 1102, EventName = "ResetMessageSendFailed", Level = LogLevel.Error, Message = "The password-reset sender failed ({ExceptionType}); the message was not sent.")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType);
}
