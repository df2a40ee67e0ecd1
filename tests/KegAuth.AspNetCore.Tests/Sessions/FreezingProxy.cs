using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// A loopback TCP proxy in front of the test server that can make the connections it carries hang: bytes
/// are held, nothing is closed, as with a dead route or a stalled server. Connections opened afterwards
/// flow normally, so a client can replace a hung connection.
/// </summary>
internal sealed class FreezingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly ConcurrentBag<Link> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FreezingProxy(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _host = builder.Host!;
        _port = builder.Port;
        _listener.Start();
        builder.Host = IPAddress.Loopback.ToString();
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ConnectionString = builder.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The server's connection string, through this proxy.</summary>
    public string ConnectionString { get; }

    public static FreezingProxy Start(string connectionString) => new(connectionString);

    /// <summary>Holds every byte of the connections open now, in both directions, until disposed.</summary>
    public void FreezeOpenConnections()
    {
        foreach (var link in _links)
        {
            link.Frozen = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var link in _links)
        {
            link.Client.Dispose();
            link.Server.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping is what ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(_host, _port, _stop.Token);
            var link = new Link(client, server);
            _links.Add(link);
            _ = PumpAsync(link, client.GetStream(), server.GetStream());
            _ = PumpAsync(link, server.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                // Frozen: the bytes are held until the proxy is disposed, and the link stays open.
                while (link.Frozen)
                {
                    await Task.Delay(10, _stop.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed, or the proxy stopped.
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        private volatile bool _frozen;

        public bool Frozen
        {
            get => _frozen;
            set => _frozen = value;
        }
    }
}
