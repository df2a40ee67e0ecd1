using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace KegAuth.Tests.Databases;

/// <summary>
/// A PostgreSQL server for the tests: a throwaway one started here (initdb + pg_ctl in a temp folder,
/// on a free loopback port, stopped and deleted on dispose), or the server named by the connection
/// string in <c>KEGAUTH_TEST_POSTGRES</c>, where nothing is started.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The environment variable that points the tests at an existing server.</summary>
    public const string ConnectionStringVariable = "KEGAUTH_TEST_POSTGRES";

    private const string InstallHint =
        "Install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql), or set " + ConnectionStringVariable +
        " to the connection string of a server the tests may create databases on.";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _binDirectory;
    private readonly bool _asPostgresUser;
    private int _disposed;
    private int? _serverVersion;
    private bool _sweeping;

    private PostgresServer(string adminConnectionString)
    {
        AdminConnectionString = adminConnectionString;
    }

    private PostgresServer(string folder, string binDirectory, bool asPostgresUser)
    {
        Folder = folder;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        AdminConnectionString = string.Empty;
    }

    /// <summary>A connection string to the server's <c>postgres</c> database, as a superuser.</summary>
    public string AdminConnectionString { get; private set; }

    /// <summary>The temp folder of a server started here (data, log and socket); null for an external server.</summary>
    public string? Folder { get; }

    /// <summary>The loopback port of a server started here; 0 for an external server.</summary>
    public int Port { get; private set; }

    /// <summary>The postmaster's process id of a server started here, once it is up.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>How long <see cref="Start"/> took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Whether this server was started here (and so is stopped and deleted on dispose).</summary>
    public bool IsOwned => Folder is not null;

    /// <summary>
    /// The server named by <c>KEGAUTH_TEST_POSTGRES</c> if it is set, otherwise a new throwaway server.
    /// </summary>
    public static PostgresServer StartOrConnect()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(external) ? Start() : new PostgresServer(external);
    }

    /// <summary>
    /// Starts a throwaway server. <paramref name="firstPort"/> is tried first (tests use it to hand in a
    /// port already taken); when the port turns out to be taken, another free one is tried.
    /// </summary>
    public static PostgresServer Start(int? firstPort = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var binDirectory = FindBinDirectory();
        var asPostgresUser = IsRoot();
        SweepAbandoned(ParentFolder(asPostgresUser), binDirectory, asPostgresUser);
        var folder = CreateFolder(asPostgresUser);
        var server = new PostgresServer(folder, binDirectory, asPostgresUser);
        try
        {
            server.InitDb();
            server.Launch(firstPort);
            server.StartTime = stopwatch.Elapsed;
            AppDomain.CurrentDomain.ProcessExit += server.OnProcessExit;
            return server;
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw: leave nothing behind.
            server.Dispose();
            throw;
        }
    }

    /// <summary>Creates an empty database named <paramref name="name"/> and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        // PostgreSQL 15's default WAL_LOG strategy takes ~0.2 s per database here; FILE_COPY ~0.03 s.
        Execute(ServerVersion >= 15 ? $"CREATE DATABASE \"{name}\" STRATEGY = FILE_COPY" : $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops the database <paramref name="name"/>, closing whatever is still connected to it.</summary>
    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>
    /// Stops a server started here as an outage would (connections cut, data kept), for fault tests;
    /// <see cref="Restart"/> brings it back on the same port.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is an external one.</exception>
    public void StopForOutage()
    {
        if (!IsOwned)
        {
            throw new InvalidOperationException("Only a server started by the tests can be stopped.");
        }

        Stop();
        ProcessId = null;
    }

    /// <summary>Starts a server stopped by <see cref="StopForOutage"/> again, on the same port and data.</summary>
    /// <exception cref="InvalidOperationException">The server is an external one, or its port was taken meanwhile.</exception>
    public void Restart()
    {
        if (!IsOwned)
        {
            throw new InvalidOperationException("Only a server started by the tests can be restarted.");
        }

        if (!TryLaunch(Port))
        {
            throw new InvalidOperationException($"PostgreSQL could not listen on port {Port} again; last log:\n{ReadLog()}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (AdminConnectionString.Length > 0)
        {
            // Only this server's pool: other servers may be in use by tests running alongside.
            using var admin = new NpgsqlConnection(AdminConnectionString);
            NpgsqlConnection.ClearPool(admin);
        }

        if (Folder is null)
        {
            return;
        }

        Stop();
        DeleteFolder(Folder);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private int ServerVersion => _serverVersion ??= ReadServerVersion();

    private int ReadServerVersion()
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        return connection.PostgreSqlVersion.Major;
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private string DataDirectory => Path.Combine(Folder!, "data");

    private string LogFile => Path.Combine(Folder!, "server.log");

    private void InitDb()
        => Run("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");

    private void Launch(int? firstPort)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var port = attempt == 1 && firstPort is { } first ? first : FreePort();
            if (TryLaunch(port))
            {
                return;
            }

            if (attempt == attempts)
            {
                throw new InvalidOperationException($"PostgreSQL found no free port in {attempts} attempts; last log:\n{ReadLog()}");
            }
        }
    }

    /// <summary>Starts the server on <paramref name="port"/>; false when the port was taken.</summary>
    private bool TryLaunch(int port)
    {
        File.Delete(LogFile);
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {Folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-W", "-o", options, "start");

        Port = port;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 5,
        }.ToString();

        // Probe through the server's own Unix socket in the folder: whatever else holds the TCP port
        // cannot answer there, and the socket only appears once the TCP port is bound. No pooling: a
        // half-started server must not leave broken connections in a pool.
        var probe = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Host = Folder, Pooling = false, Timeout = 2 }.ToString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = new NpgsqlConnection(probe);
                connection.Open();
                ProcessId = ReadPostmasterPid();
                return true;
            }
            catch (NpgsqlException)
            {
                var log = ReadLog();
                if (log.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal) ||
                    log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    WaitForPostmasterExit();
                    return false;
                }

                if (log.Contains("FATAL:", StringComparison.Ordinal) && !log.Contains("the database system is starting up", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"PostgreSQL did not start; server log:\n{log}");
                }

                if (deadline.Elapsed > ReadyTimeout)
                {
                    throw new TimeoutException($"PostgreSQL did not accept connections within {ReadyTimeout.TotalSeconds} s; server log:\n{log}");
                }

                Thread.Sleep(50);
            }
        }
    }

    private void Stop()
    {
        if (!Directory.Exists(DataDirectory))
        {
            return;
        }

        var pid = ProcessId ?? ReadPostmasterPid();
        if (_sweeping && (pid is not { } found || !IsRunning(found)))
        {
            // Abandoned and no longer running (a stale postmaster.pid): nothing to stop.
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Run("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
            }
        }
        catch (Exception) when (!_sweeping)
        {
            // A server of this run: its postmaster.pid is current, so the pid is the server's.
            Kill(pid);
        }
        catch (Exception)
        {
            // An abandoned folder's postmaster.pid may name a pid reused since: never kill on its word.
            throw new InvalidOperationException($"Could not stop the abandoned server in {Folder}.");
        }

        // pg_ctl -w returns once postmaster.pid is gone; the process may take a moment longer.
        if (!_sweeping)
        {
            WaitForExit(pid);
        }
        else
        {
            // An abandoned server's pid is only waited on, never killed (it may have been reused).
            WaitUntilGone(pid);
        }
    }

    private static void WaitUntilGone(int? pid)
    {
        var deadline = Stopwatch.StartNew();
        while (pid is { } id && IsRunning(id) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }
    }

    private void WaitForPostmasterExit()
    {
        var deadline = Stopwatch.StartNew();
        while (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(20);
        }
    }

    private static void WaitForExit(int? pid)
    {
        if (pid is not { } id)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the wait.
        }
    }

    private static void Kill(int? pid)
    {
        if (pid is not { } id)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Runs a server binary (as the <c>postgres</c> user when running as root) and waits for it.</summary>
    private void Run(string binary, params string[] arguments)
    {
        var path = Path.Combine(_binDirectory!, binary);
        var start = new ProcessStartInfo
        {
            FileName = _asPostgresUser ? "runuser" : path,
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_asPostgresUser)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", path })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{binary} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}{error.Result}");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The folder of a server started here names the process that owns it.</summary>
    internal const string OwnerFile = "owner.pid";

    private const string FolderPrefix = "kegauth-pg-";

    // The postgres user must be able to reach the folder: under /tmp, not a TMPDIR below /root.
    private static string ParentFolder(bool asPostgresUser) => asPostgresUser ? "/tmp" : Path.GetTempPath();

    /// <summary>
    /// Stops and deletes servers left by test runs that were killed before they could clean up
    /// (ProcessExit does not run on SIGKILL): folders whose owning process is gone.
    /// </summary>
    private static void SweepAbandoned(string parent, string binDirectory, bool asPostgresUser)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, FolderPrefix + "*"))
        {
            try
            {
                if (!int.TryParse(File.ReadAllText(Path.Combine(folder, OwnerFile)).Trim(), out var owner) || IsRunning(owner))
                {
                    continue;
                }

                new PostgresServer(folder, binDirectory, asPostgresUser) { _sweeping = true }.Dispose();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Not ours to judge (no owner file yet, another user's folder) or already going: leave it.
            }
        }
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

    private static string CreateFolder(bool asPostgresUser)
    {
        var folder = Path.Combine(ParentFolder(asPostgresUser), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asPostgresUser)
        {
            try
            {
                RunTool("chown", "postgres:postgres", folder);
            }
            catch
            {
                DeleteFolder(folder);
                throw;
            }
        }

        return folder;
    }

    private static void DeleteFolder(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 20)
            {
                // A process that just exited may still be releasing a file.
                Thread.Sleep(50);
            }
        }
    }

    private static void RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        try
        {
            var start = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0 && output.Length > 0)
            {
                candidates.Add(output);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                // Symlinks on PATH (/usr/local/bin/initdb) resolve to the real bin folder, next to postgres.
                var initdb = new FileInfo(Path.Combine(candidate, "initdb"));
                var target = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
                return Path.GetDirectoryName(target)!;
            }
        }

        throw new InvalidOperationException(
            $"The PostgreSQL tests need initdb and pg_ctl, found neither via pg_config --bindir, /usr/lib/postgresql/*/bin nor PATH. {InstallHint}");
    }

    private static bool IsRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (geteuid() != 0)
        {
            return false;
        }

        // PostgreSQL refuses to run as root: use the postgres user the server package creates.
        if (!UserExists("postgres"))
        {
            throw new InvalidOperationException(
                $"Running as root, the PostgreSQL tests start the server as the 'postgres' user, which does not exist. {InstallHint} (It creates that user; or: useradd --system postgres.)");
        }

        return true;
    }

    // `id -u` answers with the user's number on standard output, which is not the tests' business.
    private static bool UserExists(string name)
    {
        var start = new ProcessStartInfo("id") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        output.Wait();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();
}
