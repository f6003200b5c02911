using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// A short job with a fixed invocation count: every iteration makes exactly one call a prepared user, so that a
/// verify always finds the code prepared for it. Fewer iterations than BenchmarkDotNet's default, which would take
/// far longer on a 2-core machine; the error column says how precise the means are.
/// </summary>
public sealed class FixedInvocationConfig : ManualConfig
{
    public FixedInvocationConfig() =>
        AddJob(Job.Default
            .WithId("OneCallPerUser")
            .WithInvocationCount(TwoFactorTokenBenchmarks.Users)
            .WithUnrollFactor(1)
            .WithWarmupCount(3)
            .WithIterationCount(15));
}
