using System.Globalization;

namespace Identity.SignalWire.LoadTest;

/// <summary>Prints the figures as Markdown tables, and each target of the issue with whether it was met.</summary>
internal sealed class LoadTestReport(LoadTestOptions options, TextWriter output)
{
    // "A handful": connections that 1,000 sign-ins one after another may open and still count as reusing them.
    private const int Handful = 5;

    private double TwoLatencies => 2 * options.Latency.TotalMilliseconds;

    public void PrintHeader(int cores, string runtime, string gc, string loadAverage)
    {
        var client = options.Client switch
        {
            LoadTestClient.Floor => "the bare HttpClient floor (no Identity, no cache)",
            LoadTestClient.Identity => "UserManager + Identity's built-in Phone provider (no SignalWire)",
            _ => "UserManager + SignalWireSms provider",
        };
        var cache = options.UseRedis ? "Redis (private redis-server)" : "memory";
        var connections = options.MaxConnectionsPerServer?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
        Line($"Identity.SignalWire load test: {options.Users} users at once through {client}, emulator latency {options.Latency.TotalMilliseconds:0} ms, cache {cache}, MaxConnectionsPerServer {connections}, {options.Warmup} warm-up sign-ins {options.WarmupParallelism} at a time.");
        Line($"{cores} cores, .NET {runtime}, {gc} GC, load average at start {loadAverage}.");
        Write("");
    }

    public void PrintPhases(IReadOnlyList<PhaseResult> phases)
    {
        Write("| phase | sign-ins | failures | wall | throughput | TCP connections accepted | load average after |");
        Write("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var phase in phases)
        {
            Line($"| {phase.Name} | {phase.SignIns} | {phase.FailureCount} | {phase.Wall.TotalSeconds:0.00} s | {phase.Throughput:0} sign-ins/s | {phase.ConnectionsAccepted} | {phase.LoadAverage} |");
        }

        Write("");
        Write("| phase | measure | p50 | p95 | p99 | max |");
        Write("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var phase in phases)
        {
            Latency(phase, "send + verify", t => t.TotalMs);
            Latency(phase, "send (GenerateTwoFactorTokenAsync)", t => t.SendMs);
            Latency(phase, "verify (VerifyTwoFactorTokenAsync)", t => t.VerifyMs);
        }

        Write("");
        Write("| phase | pool threads start / max | most queued work items | work-item start delay p99 / max | starvation injections | CPU of this process (per sign-in) | CPU of redis-server | allocated per sign-in | gen0 / gen2 GCs |");
        Write("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var phase in phases)
        {
            var cpuShare = phase.ProcessCpu.TotalSeconds / phase.Wall.TotalSeconds / Environment.ProcessorCount;
            var probeP99 = PhaseResult.Percentile(phase.ProbeDelaysMs, 99);
            var probeMax = phase.ProbeDelaysMs.Count == 0 ? 0 : phase.ProbeDelaysMs.Max();
            var allocatedKiB = phase.AllocatedBytes / (double)phase.SignIns / 1024;
            Line($"| {phase.Name} | {phase.ThreadsAtStart} / {phase.MaxThreads} | {phase.MaxPendingWorkItems} | {probeP99:0.0} / {probeMax:0.0} ms | {phase.StarvationInjections} | {phase.ProcessCpu.TotalSeconds:0.00} s = {cpuShare:P0} of {Environment.ProcessorCount} cores ({phase.ProcessCpu.TotalMilliseconds / phase.SignIns:0.00} ms) | {phase.RedisCpu.TotalSeconds:0.00} s | {allocatedKiB:0.0} KiB | {phase.Gen0Collections} / {phase.Gen2Collections} |");
        }

        foreach (var phase in phases.Where(p => p.FailureCount > 0))
        {
            Write("");
            Line($"Failures in the {phase.Name} phase:");
            foreach (var (failure, count) in phase.Failures.OrderByDescending(f => f.Value))
            {
                Line($"  {count} x {failure}");
            }
        }

        Write("");
        Write("Targets:");
        foreach (var phase in phases)
        {
            var p99 = PhaseResult.Percentile(phase.Timings.Select(t => t.TotalMs).ToList(), 99);
            if (phase.Name.StartsWith("warm-up", StringComparison.Ordinal))
            {
                continue;
            }

            if (phase.Name == "burst")
            {
                Target($"burst p99 of send + verify <= 3 x 2L = {3 * TwoLatencies:0} ms", $"{p99:0} ms", p99 <= 3 * TwoLatencies);
            }
            else
            {
                Target($"{phase.Name}: connections reused (at most {Handful} for {phase.SignIns} sign-ins)", $"{phase.ConnectionsAccepted}", phase.ConnectionsAccepted <= Handful);
            }

            Target($"{phase.Name}: no failure", $"{phase.FailureCount}", phase.FailureCount == 0);
            Target($"{phase.Name}: no thread-pool starvation (no thread added for starvation)", $"{phase.StarvationInjections} injections, {phase.MaxThreads} threads at most", phase.StarvationInjections == 0);
        }
    }

    private void Latency(PhaseResult phase, string measure, Func<SignInTiming, double> select)
    {
        var values = phase.Timings.Select(select).ToList();
        var max = values.Count == 0 ? double.NaN : values.Max();
        Line($"| {phase.Name} | {measure} | {PhaseResult.Percentile(values, 50):0.0} ms | {PhaseResult.Percentile(values, 95):0.0} ms | {PhaseResult.Percentile(values, 99):0.0} ms | {max:0.0} ms |");
    }

    private void Target(string target, string measured, bool met) =>
        Line($"  [{(met ? "met" : "MISSED")}] {target}: {measured}");

    private void Line(FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private void Write(string line) => output.WriteLine(line);
}
