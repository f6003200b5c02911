namespace Identity.SignalWire.LoadTest;

/// <summary>What one phase of the load test measured.</summary>
internal sealed record PhaseResult
{
    public required string Name { get; init; }

    public required int SignIns { get; init; }

    public required TimeSpan Wall { get; init; }

    public required IReadOnlyList<SignInTiming> Timings { get; init; }

    public required IReadOnlyDictionary<string, int> Failures { get; init; }

    public required long ConnectionsAccepted { get; init; }

    public required int ThreadsAtStart { get; init; }

    public required int MaxThreads { get; init; }

    public required long MaxPendingWorkItems { get; init; }

    public required IReadOnlyList<double> ProbeDelaysMs { get; init; }

    public required int StarvationInjections { get; init; }

    public required TimeSpan ProcessCpu { get; init; }

    public required TimeSpan RedisCpu { get; init; }

    public required long AllocatedBytes { get; init; }

    public required int Gen0Collections { get; init; }

    public required int Gen2Collections { get; init; }

    public required string LoadAverage { get; init; }

    public int FailureCount => Failures.Values.Sum();

    public double Throughput => SignIns / Wall.TotalSeconds;

    /// <summary>The nearest-rank percentile: the smallest value that at least <paramref name="percent"/> % are not above.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
