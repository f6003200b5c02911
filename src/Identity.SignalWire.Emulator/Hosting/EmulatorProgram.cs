using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// <c>dotnet run --project src/Identity.SignalWire.Emulator -- --port 5080</c>: the emulator as a standalone
/// development server on 127.0.0.1, until Ctrl+C. A named class rather than top-level statements, so that it never
/// clashes with the <c>Program</c> of an application that references this package.
/// </summary>
internal static class EmulatorProgram
{
    private const string Usage = """
        SignalWire MFA emulator: a local stand-in for SignalWire's MFA REST API. Development only.

        Options (each also read from an environment variable):
          --port <n>                 port on 127.0.0.1; 0 picks a free one    SIGNALWIRE_EMULATOR_PORT (default 5080)
          --project-id <id>          user name for HTTP Basic auth           SIGNALWIRE_EMULATOR_PROJECT_ID (default: random)
          --api-token <token>        password for HTTP Basic auth            SIGNALWIRE_EMULATOR_API_TOKEN (default: random)
          --latency-ms <n>           delay before every API answer           SIGNALWIRE_EMULATOR_LATENCY_MS (default 0)
          --test-number <+E164=code> a number that always gets this code; repeatable
          --help                     show this text
        """;

    private static async Task<int> Main(string[] args)
    {
        SignalWireMfaEmulatorOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                await Console.Out.WriteLineAsync(Usage);
                return 0;
            }

            options = ParseOptions(args);
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        SignalWireMfaEmulator emulator;
        try
        {
            emulator = await SignalWireMfaEmulator.StartAsync(options, stop.Token);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"The emulator could not start: {exception.Message}");
            return 1;
        }

        await using (emulator)
        {
            // Printing the credentials is the point here: this is a local development server with throw-away values.
            await Console.Out.WriteLineAsync($"""
                SignalWire MFA emulator listening on 127.0.0.1 (development only).
                  Development phone: {emulator.RootAddress}
                  API base address:  {emulator.BaseAddress}
                  Project ID:        {emulator.ProjectId}
                  API token:         {emulator.ApiToken}
                Press Ctrl+C to stop.
                """);

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Out.WriteLineAsync("Stopping.");
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            // Stop gracefully instead of letting the runtime kill the process.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static SignalWireMfaEmulatorOptions ParseOptions(string[] args)
    {
        var options = new SignalWireMfaEmulatorOptions
        {
            Port = ParseInt(Environment.GetEnvironmentVariable("SIGNALWIRE_EMULATOR_PORT") ?? "5080", "SIGNALWIRE_EMULATOR_PORT"),
            ProjectId = Environment.GetEnvironmentVariable("SIGNALWIRE_EMULATOR_PROJECT_ID"),
            ApiToken = Environment.GetEnvironmentVariable("SIGNALWIRE_EMULATOR_API_TOKEN"),
            Latency = TimeSpan.FromMilliseconds(ParseInt(Environment.GetEnvironmentVariable("SIGNALWIRE_EMULATOR_LATENCY_MS") ?? "0", "SIGNALWIRE_EMULATOR_LATENCY_MS")),
            ConfigureLogging = logging => logging
                .AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter(EmulatorLog.CategoryName, LogLevel.Information),
        };

        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            switch (name)
            {
                case "--port":
                    options.Port = ParseInt(value, name);
                    break;
                case "--project-id":
                    options.ProjectId = value;
                    break;
                case "--api-token":
                    options.ApiToken = value;
                    break;
                case "--latency-ms":
                    options.Latency = TimeSpan.FromMilliseconds(ParseInt(value, name));
                    break;
                case "--test-number":
                    var parts = value.Split('=', 2);
                    if (parts.Length != 2)
                    {
                        throw new FormatException("--test-number takes +E164=code, for example +12015550000=123456.");
                    }

                    options.TestNumbers[parts[0]] = parts[1];
                    break;
                default:
                    throw new FormatException($"Unknown option {name}.");
            }
        }

        return options;
    }

    private static int ParseInt(string value, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{name} must be a whole number, not '{value}'.");
}
