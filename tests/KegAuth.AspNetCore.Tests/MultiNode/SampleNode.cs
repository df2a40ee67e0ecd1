using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KegAuth.AspNetCore.Tests.MultiNode;

/// <summary>
/// The web sample as a separate process (its build output beside the tests), listening on a free
/// loopback port, on the given PostgreSQL database with the given secret key. Its standard output is
/// kept (the admin's one-time password, mail lines). Disposing kills it and its children.
/// </summary>
public sealed class SampleNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleNode(string name, int port, Process process)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _process = process;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the node wrote to standard output and standard error, so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts a node and waits until it listens (at most a minute); <paramref name="extraArguments"/> go after the usual ones.</summary>
    public static async Task<SampleNode> StartAsync(string name, string connectionString, string secretKey, IReadOnlyList<string>? extraArguments = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "KegAuth.Sample.Web.dll"),
                     "--urls", $"http://127.0.0.1:{port}",
                     "--contentRoot", AppContext.BaseDirectory,
                     "--ConnectionStrings:Postgres", connectionString,
                     "--KegAuth:SecretKey", secretKey,
                     "--KegAuth:PasswordWorkFactor", "4",
                     "--KegAuth:PublicBaseUrl", $"http://127.0.0.1:{port}/",
                     "--Telemetry:Console", "false",
                     "--Logging:LogLevel:Default", "Warning",
                 }.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        // The node is the sample as an operator runs it, not a development host.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var node = new SampleNode(name, port, process);
        process.OutputDataReceived += (_, e) => node.Received(e.Data);
        process.ErrorDataReceived += (_, e) => node.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(node._listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(1)));
            if (first != node._listening.Task)
            {
                throw new InvalidOperationException($"Node {name} did not start listening:{Environment.NewLine}{string.Join(Environment.NewLine, node.Output)}");
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>An absolute URI on this node.</summary>
    public Uri At(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Kills the node at once, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.StartsWith("KegAuth sample listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
