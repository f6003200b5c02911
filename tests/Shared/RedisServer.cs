using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Identity.SignalWire.Testing;

/// <summary>
/// A private <c>redis-server</c> process on a free 127.0.0.1 port, with no persistence. It stops exactly the process
/// it started (never one found by name), and can be stopped and started again on the same port in the middle of a
/// test to play an outage.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const int PortAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    /// <summary>Gets the loopback port the server listens on; it stays the same across a restart.</summary>
    public int Port { get; private set; }

    /// <summary>Gets the StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Gets the processor time the server has used so far, for a load test's figures.</summary>
    public TimeSpan CpuTime => _process is { HasExited: false } process ? process.TotalProcessorTime : TimeSpan.Zero;

    /// <summary>Gets whether the process this object started is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port; fails (never skips) when <c>redis-server</c> is not installed.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server was not found on PATH or in /usr/bin, /usr/local/bin, /usr/sbin. The integration tests need a real Redis server. " +
            "Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu; `brew install redis` on macOS), " +
            "or run `bash tests/run.sh`, which installs it before running every test.");

        var failures = new List<string>();
        for (var attempt = 0; attempt < PortAttempts; attempt++)
        {
            var server = new RedisServer(executable, FreeLoopbackPort());
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (RedisServerStartException exception)
            {
                // Another process may have taken the port between probing and binding: try another one.
                failures.Add(exception.Message);
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException(
            $"redis-server did not start after {PortAttempts} attempts:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Kills the server process (as a crash or an outage would) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Starts the server again on the same port, empty (there is no persistence).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>Lists the keys that match a glob <paramref name="pattern"/>, through a connection of the test's own.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string pattern)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
        var server = connection.GetServer(Configuration);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    /// <summary>The time to live of <paramref name="key"/>; <see langword="null"/> when it has none or does not exist.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
        return await connection.GetDatabase().KeyTimeToLiveAsync(key);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartProcessAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }

        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await StopAsync();
                throw new RedisServerStartException($"redis-server on port {Port} exited at start: {Output()}");
            }

            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        await StopAsync();
        throw new RedisServerStartException($"redis-server on port {Port} did not answer PING within {StartTimeout}: {Output()}");
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.Length == 0 ? "(no output)" : _output.ToString();
        }
    }

    private static int FreeLoopbackPort()
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

    private static string? FindExecutable()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"]);
        return directories.Select(directory => Path.Combine(directory, "redis-server")).FirstOrDefault(File.Exists);
    }

    private sealed class RedisServerStartException(string message) : Exception(message);
}
