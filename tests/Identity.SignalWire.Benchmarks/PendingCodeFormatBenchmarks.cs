using BenchmarkDotNet.Attributes;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// What writing and reading one pending-code entry costs. A sign-in reads the entry at least twice (the provider, and
/// the atomic store comparing request IDs) and writes it once or twice, so these two calls sit on every sign-in.
/// </summary>
/// <remarks>
/// The entry is shaped like a real one: a SignalWire request ID (a GUID), a masked number, and two keyed hashes in
/// lower-case hex, as <see cref="KeyedHasher"/> makes them.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class PendingCodeFormatBenchmarks
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 3, 9, 41, 27, 123, TimeSpan.Zero);

    private readonly PendingCode _code = new(
        "d3b07384-d9a0-4c9b-8f3e-1c2a5b6e7f80",
        SignalWireMfaChannel.Sms,
        "+*********23",
        SentAt,
        SentAt.AddMinutes(10),
        "6f1ed002ab5595859014ebf0951522d9e4c2a8f7b3d1c0e5a6b7c8d9e0f1a2b3",
        "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3c4e5f60718293a4b5c6d7e8f") { Attempts = 1, SendStartedAt = SentAt.AddSeconds(-1) };

    private byte[] _entry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _entry = _code.ToBytes();
        if (PendingCode.FromBytes(_entry) != _code)
        {
            throw new InvalidOperationException("The benchmark set-up is wrong: the entry does not read back as written.");
        }
    }

    [Benchmark(Description = "PendingCode.ToBytes")]
    public byte[] ToBytes() => _code.ToBytes();

    // Returns the request ID, not the entry: PendingCode is internal, and a benchmark method must be public.
    [Benchmark(Description = "PendingCode.FromBytes")]
    public string? FromBytes() => PendingCode.FromBytes(_entry)?.RequestId;
}
