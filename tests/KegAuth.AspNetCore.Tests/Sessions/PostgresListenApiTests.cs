using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// Npgsql's listening API as the feed reaches it by reflection: a real connection's notifications reach the
/// subscriber until it unsubscribes, and a waiting connection wakes for one; a provider whose API differs
/// (a changed event, a missing or different WaitAsync, a type that is no connection) gets no API and a
/// reason, never an exception.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PostgresListenApiTests(PostgresWebFixture postgres)
{
    [Fact]
    public async Task Notifications_reach_the_subscriber_until_it_unsubscribes()
    {
        using var database = postgres.NewDatabase();
        await using var setup = PostgresFeedHarness.Context(database);
        var connectionString = setup.Database.GetConnectionString()!;
        var api = KegNpgsqlListenApi.Find(typeof(NpgsqlConnection), out var missing);
        Assert.NotNull(api);
        Assert.Null(missing);

        await using var listener = new NpgsqlConnection(connectionString);
        await listener.OpenAsync();
        await using (var listen = new NpgsqlCommand("LISTEN keg_auth_api_test", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var heard = 0;
        var subscription = api.Subscribe(listener, () => Interlocked.Increment(ref heard));
        await NotifyAsync(connectionString);

        // WaitAsync returns true once the notification has been read, so the handler has run by then.
        Assert.True(await api.WaitAsync(listener, PostgresFeedHarness.Deadline, CancellationToken.None), "No notification arrived.");
        Assert.Equal(1, Volatile.Read(ref heard));

        subscription.Dispose();
        await NotifyAsync(connectionString);

        Assert.True(await api.WaitAsync(listener, PostgresFeedHarness.Deadline, CancellationToken.None), "No notification arrived.");
        Assert.Equal(1, Volatile.Read(ref heard));
    }

    [Fact]
    public async Task A_wait_with_nothing_to_hear_ends_false_after_its_timeout()
    {
        using var database = postgres.NewDatabase();
        await using var setup = PostgresFeedHarness.Context(database);
        await using var listener = new NpgsqlConnection(setup.Database.GetConnectionString()!);
        await listener.OpenAsync();
        var api = KegNpgsqlListenApi.Find(typeof(NpgsqlConnection), out _)!;

        Assert.False(await api.WaitAsync(listener, TimeSpan.FromMilliseconds(20), CancellationToken.None));
    }

    [Fact]
    public void Subscribing_a_connection_of_another_provider_throws()
    {
        var api = KegNpgsqlListenApi.Find(typeof(NpgsqlConnection), out _)!;
        using var other = new Microsoft.Data.Sqlite.SqliteConnection();

        Assert.Throws<InvalidOperationException>(() => api.Subscribe(other, () => { }));
    }

    [Fact]
    public void A_notification_event_that_returns_a_value_is_not_the_api()
    {
        Assert.Null(KegNpgsqlListenApi.Find(typeof(ValueReturningNotification), out var missing));
        Assert.Equal(typeof(ValueReturningNotification).FullName + ".Notification", missing);
    }

    [Theory]
    [InlineData(typeof(NoWait))]
    [InlineData(typeof(WaitWithoutAnswer))]
    public void A_connection_without_WaitAsync_answering_a_bool_is_not_the_api(Type connectionType)
    {
        Assert.Null(KegNpgsqlListenApi.Find(connectionType, out var missing));
        Assert.Equal(connectionType.FullName + ".WaitAsync(TimeSpan, CancellationToken)", missing);
    }

    [Fact]
    public void A_type_with_the_right_members_that_is_no_connection_is_not_the_api_and_says_why()
    {
        Assert.Null(KegNpgsqlListenApi.Find(typeof(NotAConnection), out var missing));
        Assert.Equal(typeof(NotAConnection).FullName + " (InvalidOperationException)", missing);
    }

    private static async Task NotifyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand("NOTIFY keg_auth_api_test", connection);
        await notify.ExecuteNonQueryAsync();
    }

    /// <summary>A Notification event whose handler answers something: not Npgsql's.</summary>
    private sealed class ValueReturningNotification
    {
        public event Func<int>? Notification
        {
            add { }
            remove { }
        }
    }

    /// <summary>The event, but no WaitAsync.</summary>
    private sealed class NoWait
    {
        public event Action? Notification
        {
            add { }
            remove { }
        }
    }

    /// <summary>The event, and a WaitAsync that does not say whether a notification came.</summary>
    private sealed class WaitWithoutAnswer
    {
        public event Action? Notification
        {
            add { }
            remove { }
        }

        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Npgsql's members on a type the feed's connections can never be.</summary>
    private sealed class NotAConnection
    {
        public event Action? Notification
        {
            add { }
            remove { }
        }

        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
