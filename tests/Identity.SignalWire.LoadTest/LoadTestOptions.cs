using System.Globalization;

namespace Identity.SignalWire.LoadTest;

/// <summary>The command line of the load test.</summary>
internal sealed record LoadTestOptions
{
    public const string Usage = """
        Identity.SignalWire load test: users sign in at once (send a code, then verify it) through the SignalWire
        providers, against the emulator on loopback and a private redis-server.

          --users <n>            users signing in at once                      (default 1000)
          --latency-ms <n>       latency the emulator adds to every answer     (default 50)
          --sequential <n>       sign-ins one after the other, to count the
                                 connections they open; 0 skips them           (default 1000)
          --warmup <n>           sign-ins before the burst, so that the burst
                                 meets a warm site: code compiled and tiered
                                 up, Redis connected; 0 measures a cold start  (default 3000)
          --warmup-parallelism <n> warm-up sign-ins at a time; as many as
                                 --users leaves that many open connections
                                 for the burst to reuse                        (default 50)
          --cache redis|memory   the distributed cache; memory takes Redis out
                                 of the picture, to find its share             (default redis)
          --max-connections <n>  SocketsHttpHandler.MaxConnectionsPerServer of
                                 the SignalWire client                         (default: unlimited, as shipped)
          --client library|floor|identity
                                 library: UserManager and the SignalWireSms
                                 provider; floor: a bare HttpClient POST of
                                 the same JSON, no Identity, no cache, to
                                 find the emulator's and HTTP's own share;
                                 identity: Identity's built-in Phone provider
                                 through the same UserManager and request
                                 scopes, no SignalWire, to find Identity's
                                 own share                                     (default library)
        """;

    public int Users { get; init; } = 1000;

    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(50);

    public int Sequential { get; init; } = 1000;

    public int Warmup { get; init; } = 3000;

    public int WarmupParallelism { get; init; } = 50;

    public bool UseRedis { get; init; } = true;

    public int? MaxConnectionsPerServer { get; init; }

    public LoadTestClient Client { get; init; } = LoadTestClient.Library;

    public static LoadTestOptions Parse(string[] args)
    {
        var options = new LoadTestOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--users" => options with { Users = Positive(name, value) },
                "--latency-ms" => options with { Latency = TimeSpan.FromMilliseconds(NotNegative(name, value)) },
                "--sequential" => options with { Sequential = NotNegative(name, value) },
                "--warmup" => options with { Warmup = NotNegative(name, value) },
                "--warmup-parallelism" => options with { WarmupParallelism = Positive(name, value) },
                "--cache" => value switch
                {
                    "redis" => options with { UseRedis = true },
                    "memory" => options with { UseRedis = false },
                    _ => throw new FormatException("--cache is redis or memory."),
                },
                "--max-connections" => options with { MaxConnectionsPerServer = Positive(name, value) },
                "--client" => value switch
                {
                    "library" => options with { Client = LoadTestClient.Library },
                    "floor" => options with { Client = LoadTestClient.Floor },
                    "identity" => options with { Client = LoadTestClient.Identity },
                    _ => throw new FormatException("--client is library, floor or identity."),
                },
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{name} must be a whole number above 0, not '{value}'.");

    private static int NotNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{name} must be a whole number, not '{value}'.");
}

/// <summary>What signs the users in.</summary>
internal enum LoadTestClient
{
    /// <summary>UserManager and the SignalWireSms provider, against the emulator: the library as shipped.</summary>
    Library,

    /// <summary>A bare HttpClient POST of the same JSON to the emulator: no Identity, no cache.</summary>
    Floor,

    /// <summary>Identity's built-in Phone provider through the same UserManager and request scopes: no SignalWire.</summary>
    Identity,
}
