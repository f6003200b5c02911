using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Identity.SignalWire.Testing;

/// <summary>
/// A private <c>redis-server</c> process on a free 127.0.0.1 port, with no persistence. It stops exactly the process
/// it started (never one found by name), and can be stopped and started again on the same port in the middle of a
/// test to play an outage.
/// </summary>
internal sealed class RedisServer : RedisDeployment, IAsyncDisposable
{
    private const int PortAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port, IReadOnlyList<string> arguments)
    {
        _executable = executable;
        _arguments = arguments;
        Port = port;
    }

    /// <summary>Gets the loopback port the server listens on; it stays the same across a restart.</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public override string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Gets the processor time the server has used so far, for a load test's figures.</summary>
    public TimeSpan CpuTime => _process is { HasExited: false } process ? process.TotalProcessorTime : TimeSpan.Zero;

    /// <summary>Gets whether the process this object started is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port; fails (never skips) when <c>redis-server</c> is not installed.</summary>
    /// <param name="moreArguments">
    /// Makes further command-line arguments, such as a cluster node's; called again for each port tried, so that it can
    /// pick fresh ports and files of its own. A restart keeps the arguments of the start.
    /// </param>
    public static async Task<RedisServer> StartAsync(Func<IReadOnlyList<string>>? moreArguments = null)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "redis-server was not found on PATH or in /usr/bin, /usr/local/bin, /usr/sbin. The integration tests need a real Redis server. " +
            "Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu; `brew install redis` on macOS), " +
            "or run `bash tests/run.sh`, which installs it before running every test.");

        var failures = new List<string>();
        for (var attempt = 0; attempt < PortAttempts; attempt++)
        {
            var server = new RedisServer(executable, FreeLoopbackPort(), moreArguments?.Invoke() ?? []);
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

    /// <summary>
    /// Sends one command on a connection of its own and returns the reply as text: a status, an integer or a bulk
    /// string (<see langword="null"/> for a nil one). An error reply throws. Arrays are not read: the commands the
    /// tests send to set up and watch servers (PING, INFO, CLUSTER …) answer with the three others.
    /// </summary>
    public async Task<string?> CommandAsync(params string[] command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.Latin1.GetByteCount(part)}\r\n{part}\r\n");
        }

        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.ToString()), timeout.Token);

        // Latin-1 reads one character per byte, so a bulk string's length in bytes is its length in characters.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var line = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException($"redis-server on port {Port} closed the connection.");
        switch (line[0])
        {
            case '+' or ':':
                return line[1..];
            case '-':
                throw new InvalidOperationException($"redis-server on port {Port} answered {string.Join(' ', command)} with {line[1..]}");
            case '$' when line == "$-1":
                return null;
            case '$':
                var bulk = new char[int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture)];
                await reader.ReadBlockAsync(bulk, timeout.Token);
                return new string(bulk);
            default:
                throw new NotSupportedException($"CommandAsync does not read the reply of {string.Join(' ', command)}: {line}");
        }
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
                 }.Concat(_arguments))
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
            return await CommandAsync("PING") == "PONG";
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

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
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
