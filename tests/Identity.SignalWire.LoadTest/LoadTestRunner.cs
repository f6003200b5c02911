using System.Diagnostics;
using System.Globalization;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.LoadTest;

/// <summary>
/// Runs the two phases, each against an emulator and a site of its own so that each counts its own connections:
/// a burst (every user signs in at once, after a warm-up) and a sequence (one sign-in after another).
/// </summary>
internal sealed class LoadTestRunner(LoadTestOptions options, RedisServer? redis)
{
    /// <summary>The warm-up (measured too, as its own phase), then every user at once.</summary>
    public async Task<IReadOnlyList<PhaseResult>> RunBurstAsync()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { Latency = options.Latency });
        await using var site = NewSite(emulator, "burst");
        var warmup = CreateUsers(site, "warmup", "+1201", options.Warmup);
        var users = CreateUsers(site, "burst", "+1202", options.Users);

        // A site that has served sign-ins for a while: code compiled and re-compiled by tiered JIT, Redis connected.
        // Fewer (say 100) measure a burst that meets a freshly started site, still running unoptimised code.
        var warm = await MeasureAsync($"warm-up ({options.WarmupParallelism} at a time)", warmup.Length, emulator, 0, async () =>
        {
            var outcomes = new Outcome[warmup.Length];
            await Parallel.ForAsync(
                0,
                warmup.Length,
                new ParallelOptions { MaxDegreeOfParallelism = options.WarmupParallelism },
                async (i, _) => outcomes[i] = await TrySignInAsync(site, warmup[i]));
            return outcomes;
        });
        await Task.Delay(TimeSpan.FromSeconds(1));

        var connectionsBefore = emulator.AcceptedConnections;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signIns = users.Select(user => Task.Run(async () =>
        {
            await go.Task;
            return await TrySignInAsync(site, user);
        })).ToArray();

        var burst = await MeasureAsync("burst", users.Length, emulator, connectionsBefore, async () =>
        {
            go.SetResult();
            return await Task.WhenAll(signIns);
        });
        return [warm, burst];
    }

    public async Task<PhaseResult> RunSequenceAsync()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { Latency = options.Latency });
        await using var site = NewSite(emulator, "sequence");
        var users = CreateUsers(site, "sequence", "+1203", options.Sequential);

        return await MeasureAsync("sequential", users.Length, emulator, connectionsBefore: 0, async () =>
        {
            var outcomes = new List<Outcome>(users.Length);
            foreach (var user in users)
            {
                outcomes.Add(await TrySignInAsync(site, user));
            }

            return outcomes.ToArray();
        });
    }

    private LoadTestSite NewSite(SignalWireMfaEmulator emulator, string phase) =>
        new(emulator, options, redis?.Configuration, $"load-{phase}-{Guid.NewGuid():N}:");

    private static IdentityUser[] CreateUsers(LoadTestSite site, string name, string numberPrefix, int count) =>
        Enumerable.Range(0, count)
            .Select(i => site.Users.Add(
                string.Create(CultureInfo.InvariantCulture, $"{name}{i}@example.com"),
                string.Create(CultureInfo.InvariantCulture, $"{numberPrefix}{2_000_000 + i:D7}")))
            .ToArray();

    private static async Task<Outcome> TrySignInAsync(LoadTestSite site, IdentityUser user)
    {
        try
        {
            return new Outcome(await site.SignInAsync(user), null);
        }
        catch (Exception exception)
        {
            // Grouped by type and message in the report; the message never holds a full number or a code.
            return new Outcome(null, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private async Task<PhaseResult> MeasureAsync(
        string name, int signIns, SignalWireMfaEmulator emulator, long connectionsBefore, Func<Task<Outcome[]>> run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var redisCpuBefore = redis?.CpuTime ?? TimeSpan.Zero;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);

        Outcome[] outcomes;
        TimeSpan wall;
        using (var monitor = new ThreadPoolMonitor())
        {
            var started = Stopwatch.GetTimestamp();
            outcomes = await run();
            wall = Stopwatch.GetElapsedTime(started);
            process.Refresh();

            return new PhaseResult
            {
                Name = name,
                SignIns = signIns,
                Wall = wall,
                Timings = outcomes.Where(o => o.Timing is not null).Select(o => o.Timing!.Value).ToList(),
                Failures = outcomes.Where(o => o.Failure is not null).GroupBy(o => o.Failure!).ToDictionary(g => g.Key, g => g.Count()),
                ConnectionsAccepted = emulator.AcceptedConnections - connectionsBefore,
                ThreadsAtStart = monitor.StartThreads,
                MaxThreads = monitor.MaxThreads,
                MaxPendingWorkItems = monitor.MaxPendingWorkItems,
                ProbeDelaysMs = monitor.ProbeDelaysMilliseconds,
                StarvationInjections = monitor.StarvationInjections,
                ProcessCpu = process.TotalProcessorTime - cpuBefore,
                RedisCpu = (redis?.CpuTime ?? TimeSpan.Zero) - redisCpuBefore,
                AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore,
                Gen0Collections = GC.CollectionCount(0) - gen0Before,
                Gen2Collections = GC.CollectionCount(2) - gen2Before,
                LoadAverage = LoadAverage(),
            };
        }
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private sealed record Outcome(SignInTiming? Timing, string? Failure);
}
