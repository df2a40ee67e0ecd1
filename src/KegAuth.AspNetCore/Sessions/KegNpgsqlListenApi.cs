using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// Npgsql's <c>NpgsqlConnection.Notification</c> event and <c>WaitAsync(TimeSpan, CancellationToken)</c>,
/// reached by reflection on the connection the app's provider factory makes, so that KegAuth carries no
/// Npgsql reference of its own (SQLite-only apps must not). Everything is looked up and compiled once;
/// when the API is not there (a different or changed provider), <see cref="For"/> answers
/// <see langword="null"/> and the feed stays off.
/// </summary>
internal sealed class KegNpgsqlListenApi
{
    private readonly Type _connectionType;
    private readonly EventInfo _notification;
    private readonly Func<Action, Delegate> _handler;
    private readonly Func<DbConnection, TimeSpan, CancellationToken, Task<bool>> _wait;

    private KegNpgsqlListenApi(Type connectionType, EventInfo notification, Func<Action, Delegate> handler, Func<DbConnection, TimeSpan, CancellationToken, Task<bool>> wait)
    {
        _connectionType = connectionType;
        _notification = notification;
        _handler = handler;
        _wait = wait;
    }

    /// <summary>What <see cref="For"/> found per connection type: looked up and compiled once per process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (KegNpgsqlListenApi? Api, string? Missing)> Found = new();

    /// <summary>The API on <paramref name="connectionType"/>, or <see langword="null"/> with the reason.</summary>
    public static KegNpgsqlListenApi? For(Type connectionType, out string? missing)
    {
        var (api, reason) = Found.GetOrAdd(connectionType, static type => (Find(type, out var why), why));
        missing = reason;
        return api;
    }

    /// <summary>What <see cref="For"/> answers, looked up afresh (tests see the lookup itself, not the process's cache).</summary>
    internal static KegNpgsqlListenApi? Find(Type connectionType, out string? missing)
    {
        missing = null;
        try
        {
            if (connectionType.GetEvent("Notification", BindingFlags.Public | BindingFlags.Instance) is not { EventHandlerType: { } handlerType } notification
                || handlerType.GetMethod("Invoke") is not { } invoke
                || invoke.ReturnType != typeof(void))
            {
                missing = connectionType.FullName + ".Notification";
                return null;
            }

            var wait = connectionType.GetMethod("WaitAsync", BindingFlags.Public | BindingFlags.Instance, [typeof(TimeSpan), typeof(CancellationToken)]);
            if (wait is null || wait.ReturnType != typeof(Task<bool>))
            {
                missing = connectionType.FullName + ".WaitAsync(TimeSpan, CancellationToken)";
                return null;
            }

            return new KegNpgsqlListenApi(connectionType, notification, CompileHandler(handlerType, invoke), CompileWait(connectionType, wait));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or AmbiguousMatchException or NotSupportedException)
        {
            missing = connectionType.FullName + " (" + exception.GetType().Name + ")";
            return null;
        }
    }

    /// <summary>Calls <paramref name="onNotification"/> for every notification <paramref name="connection"/> receives, until disposed.</summary>
    public IDisposable Subscribe(DbConnection connection, Action onNotification)
    {
        if (!_connectionType.IsInstanceOfType(connection))
        {
            throw new InvalidOperationException("The feed's connection is not the type its API was found on.");
        }

        var handler = _handler(onNotification);
        _notification.AddEventHandler(connection, handler);
        return new Subscription(_notification, connection, handler);
    }

    /// <summary>Waits until a message (a notification) arrives on <paramref name="connection"/>: true, or false after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
        => _wait(connection, timeout, cancellationToken);

    /// <summary><c>action => (sender, e) => action()</c>, typed as the event's own handler delegate.</summary>
    private static Func<Action, Delegate> CompileHandler(Type handlerType, MethodInfo invoke)
    {
        var action = Expression.Parameter(typeof(Action));
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType)).ToArray();
        var handler = Expression.Lambda(handlerType, Expression.Invoke(action), parameters);
        return Expression.Lambda<Func<Action, Delegate>>(Expression.Convert(handler, typeof(Delegate)), action).Compile();
    }

    /// <summary><c>(connection, timeout, ct) => ((NpgsqlConnection)connection).WaitAsync(timeout, ct)</c>.</summary>
    private static Func<DbConnection, TimeSpan, CancellationToken, Task<bool>> CompileWait(Type connectionType, MethodInfo wait)
    {
        var connection = Expression.Parameter(typeof(DbConnection));
        var timeout = Expression.Parameter(typeof(TimeSpan));
        var cancellationToken = Expression.Parameter(typeof(CancellationToken));
        var call = Expression.Call(Expression.Convert(connection, connectionType), wait, timeout, cancellationToken);
        return Expression.Lambda<Func<DbConnection, TimeSpan, CancellationToken, Task<bool>>>(call, connection, timeout, cancellationToken).Compile();
    }

    private sealed class Subscription(EventInfo notification, DbConnection connection, Delegate handler) : IDisposable
    {
        public void Dispose() => notification.RemoveEventHandler(connection, handler);
    }
}
