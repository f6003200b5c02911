using BenchmarkDotNet.Attributes;
using Identity.SignalWire.Benchmarks.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// The parts of the Identity glue (<see cref="OverheadBreakdownBenchmarks"/>' "provider, no HTTP") that a send and a
/// verify repeat, each alone, so that the glue's time can be shared out: reading a phone number with libphonenumber
/// (a parse, and the remembered answer), and one keyed hash. A send makes four hashes (number, user and purpose, user,
/// security stamp) and a verify three; <see cref="PendingCodeFormatBenchmarks"/> measures the pending-code entry.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class GlueShareBenchmarks
{
    private const string Number = "+12012000042";

    private BenchmarkSite _site = null!;
    private KeyedHasher _hasher = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _site = new BenchmarkSite(1, new CannedSignalWireHandler(), new InstantSignalWireClient());
        _hasher = _site.Services.GetRequiredService<KeyedHasher>();
        await _hasher.HashAsync(Number);
        if (PhoneNumberFacts.Read(Number) is not { IsValid: true })
        {
            throw new InvalidOperationException("The benchmark set-up is wrong: the number does not read as valid.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _site.DisposeAsync();

    // A region makes Read parse every time instead of answering from the numbers it remembers: what a send pays for a
    // number it has not seen lately (the benchmarks' 16,384 users are more than the 8,192 numbers it remembers).
    [Benchmark(Description = "PhoneNumberFacts.Read, parsed")]
    public bool ReadParsed() => PhoneNumberFacts.Read(Number, "US")!.IsValid;

    [Benchmark(Description = "PhoneNumberFacts.Read, remembered")]
    public bool ReadRemembered() => PhoneNumberFacts.Read(Number)!.IsValid;

    [Benchmark(Description = "KeyedHasher.HashAsync, one part")]
    public ValueTask<string> HashOne() => _hasher.HashAsync(Number);
}
