using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Identity.SignalWire.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// The parts of the Identity glue (<see cref="OverheadBreakdownBenchmarks"/>' "provider, no HTTP"), each alone, so that
/// the glue's time and bytes can be shared out: reading the number with libphonenumber (once a send and once a check),
/// one keyed hash (four a send, three a check), the send budgets' charge, and each operation on the pending code, on
/// the in-process store the benchmarks use (<c>MemoryDistributedCache</c>), as a send and a check call them.
/// </summary>
/// <remarks>
/// Each iteration makes one call a user, as in <see cref="PeerBenchmarks"/>; the find, the reservation and the removal
/// find a code saved for their user before the iteration (each benchmark runs in a process of its own), so each timed
/// call does what it does in a successful check.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(FixedInvocationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GlueShareBenchmarks
{
    private const int Users = TwoFactorTokenBenchmarks.Users;

    private BenchmarkSite _site = null!;
    private IdentityUser[] _pool = null!;
    private KeyedHasher _hasher = null!;
    private SendBudget _budget = null!;
    private PendingCodeStore _pendingCodes = null!;
    private PhoneNumberFacts[] _numbers = null!;
    private PendingCode _code = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _site = new BenchmarkSite(Users, new CannedSignalWireHandler(), new InstantSignalWireClient());
        _pool = _site.Users;
        _hasher = _site.Services.GetRequiredService<KeyedHasher>();
        _budget = _site.Services.GetRequiredService<SendBudget>();
        _pendingCodes = _site.Services.GetRequiredService<PendingCodeStore>();
        _numbers = _pool.Select(user => PhoneNumberFacts.Read(user.PhoneNumber)
            ?? throw new InvalidOperationException("The benchmark set-up is wrong: a number does not read.")).ToArray();
        var now = DateTimeOffset.UtcNow;
        _code = new PendingCode(
            CannedSignalWireHandler.RequestId, SignalWireMfaChannel.Sms, "+*********42", now, now.AddHours(1),
            new string('d', 64), new string('s', 64));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _site.DisposeAsync();

    [IterationSetup(Targets = [nameof(Find), nameof(ReserveAttempt), nameof(Remove)])]
    public void SaveCodes()
    {
        foreach (var user in _pool)
        {
            _pendingCodes.SaveUnlessNewerAsync(user.Id, _code).GetAwaiter().GetResult();
        }

        _next = 0;
    }

    [IterationSetup(Targets = [nameof(ReadNumber), nameof(HashOne), nameof(Charge), nameof(Save)])]
    public void StartRound() => _next = 0;

    [Benchmark(Description = "PhoneNumberFacts.Read (libphonenumber)")]
    [BenchmarkCategory("Both")]
    public bool ReadNumber() => PhoneNumberFacts.Read(NextUser().PhoneNumber) is { IsValid: true };

    [Benchmark(Description = "KeyedHasher.HashAsync, one part")]
    [BenchmarkCategory("Both")]
    public ValueTask<string> HashOne() => _hasher.HashAsync(NextUser().Id);

    [Benchmark(Description = "SendBudget.ChargeAsync (policy, 3 counters, guard)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task Charge()
    {
        var i = _next;
        var user = NextUser();
        return _budget.ChargeAsync(user.Id, user.Id, _numbers[i], user.Id, toConfirmedNumber: true);
    }

    [Benchmark(Description = "PendingCodeStore.SaveUnlessNewerAsync (over an earlier code)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<bool> Save() => _pendingCodes.SaveUnlessNewerAsync(NextUser().Id, _code);

    [Benchmark(Description = "PendingCodeStore.FindAsync")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task Find() => _pendingCodes.FindAsync(NextUser().Id);

    [Benchmark(Description = "PendingCodeStore.ReserveAttemptAsync")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task ReserveAttempt() => _pendingCodes.ReserveAttemptAsync(NextUser().Id, _code, 3);

    [Benchmark(Description = "PendingCodeStore.RemoveAsync")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> Remove() => _pendingCodes.RemoveAsync(NextUser().Id, _code);

    private IdentityUser NextUser() =>
        _next < Users
            ? _pool[_next++]
            : throw new InvalidOperationException($"More than {Users} invocations in one iteration: set the invocation count to {Users}.");
}
