using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace KegAuth.Tests.Databases;

/// <summary>
/// The throwaway server itself: nothing is left after dispose, a second one starts, a taken port is
/// passed over. These start servers of their own (they need initdb and pg_ctl even when
/// KEGAUTH_TEST_POSTGRES is set), outside the shared collection so they run alongside it.
/// </summary>
public sealed class PostgresServerTests(ITestOutputHelper output)
{
    [Fact]
    public void Dispose_removes_the_folder_and_the_process_and_a_second_server_starts()
    {
        for (var run = 1; run <= 2; run++)
        {
            var server = PostgresServer.Start();
            var folder = server.Folder!;
            var pid = server.ProcessId!.Value;
            output.WriteLine($"server {run}: port {server.Port}, pid {pid}, started in {server.StartTime.TotalMilliseconds:F0} ms");

            Assert.True(Directory.Exists(Path.Combine(folder, "data")));
            Assert.True(IsRunning(pid));
            Assert.Equal(1, Scalar(server.AdminConnectionString, "SELECT 1"));

            var stopwatch = Stopwatch.StartNew();
            server.Dispose();
            output.WriteLine($"server {run}: stopped and deleted in {stopwatch.ElapsedMilliseconds} ms");

            Assert.False(Directory.Exists(folder));
            Assert.False(IsRunning(pid));
            Assert.ThrowsAny<NpgsqlException>(() => Scalar(server.AdminConnectionString, "SELECT 1"));
            server.Dispose();
        }
    }

    [Fact]
    public void A_port_in_use_is_passed_over_for_a_free_one()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;

            using var server = PostgresServer.Start(firstPort: port);

            Assert.NotEqual(port, server.Port);
            Assert.Equal(1, Scalar(server.AdminConnectionString, "SELECT 1"));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void A_server_abandoned_by_a_killed_run_is_stopped_and_removed_by_the_next_start()
    {
        var abandoned = PostgresServer.Start();
        var folder = abandoned.Folder!;
        var pid = abandoned.ProcessId!.Value;
        try
        {
            // As if the test host that started it had been killed: its owner is a process that has exited.
            using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
            {
                gone.WaitForExit();
                File.WriteAllText(Path.Combine(folder, PostgresServer.OwnerFile), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            using var next = PostgresServer.Start();

            Assert.False(Directory.Exists(folder));
            Assert.False(IsRunning(pid));
            Assert.True(Directory.Exists(next.Folder));
        }
        finally
        {
            abandoned.Dispose();
        }
    }

    private static int Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The database per test on the shared server: there while in use, dropped on dispose.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTestDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public void Each_database_is_new_and_is_dropped_on_dispose()
    {
        var first = new PostgresTestDatabase(postgres.Server);
        var second = new PostgresTestDatabase(postgres.Server);
        Assert.NotEqual(first.Name, second.Name);
        Assert.True(Exists(first.Name));
        using (var connection = new NpgsqlConnection(first.ConnectionString))
        {
            // A pooled connection left open must not stop the drop.
            connection.Open();
        }

        first.Dispose();
        second.Dispose();

        Assert.False(Exists(first.Name));
        Assert.False(Exists(second.Name));
    }

    private bool Exists(string name)
    {
        using var connection = new NpgsqlConnection(postgres.Server.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)command.ExecuteScalar()! == 1;
    }
}
