using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Identity.SignalWire.Benchmarks.Infrastructure;
using Identity.SignalWire.Benchmarks.Peer;
using Identity.SignalWire.Performance;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// The library against its peer: one code sent and one checked by the floor (a bare HttpClient POST to SignalWire), by
/// the SignalWire SMS provider, and by a Twilio Verify provider written with Twilio's SDK
/// (<see cref="TwilioVerifyTokenProvider{TUser}"/>). Both providers go through the same <see cref="UserManager{TUser}"/>
/// and user store, and both APIs are answered in-process by canned handlers: no network.
/// </summary>
/// <remarks>
/// As in <see cref="TwoFactorTokenBenchmarks"/>, each iteration makes one call a user, and the SignalWire verify finds a
/// code sent to its user before the iteration. Twilio Verify keeps its state on Twilio's side, so its verify needs
/// nothing prepared.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(FixedInvocationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PeerBenchmarks
{
    private const int Users = TwoFactorTokenBenchmarks.Users;
    private const string Code = "123456";
    private const string Twilio = TwilioVerifyTokenProvider<IdentityUser>.ProviderName;

    private readonly CannedSignalWireHandler _signalWire = new();
    private readonly CannedTwilioVerifyHandler _twilioVerify = new();
    private BenchmarkSite _site = null!;
    private IdentityUser[] _pool = null!;
    private UserManager<IdentityUser> _userManager = null!;
    private FloorClient _floor = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _site = new BenchmarkSite(Users, _signalWire, twilioVerify: _twilioVerify);
        _pool = _site.Users;
        _userManager = _site.UserManager;
        _floor = new FloorClient(_signalWire, BenchmarkSite.BaseAddress, BenchmarkSite.ProjectId, BenchmarkSite.ApiToken);

        // The timed calls do not look at their results, so each way is proved once here.
        var user = _pool[0];
        Require(await _floor.VerifyAsync(await _floor.SendAsync(user.PhoneNumber!), Code), "the floor's verify");
        await _userManager.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        Require(await _userManager.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, Code), "the SignalWire verify");
        await _userManager.GenerateTwoFactorTokenAsync(user, Twilio);
        Require(await _userManager.VerifyTwoFactorTokenAsync(user, Twilio, Code), "the Twilio Verify verify");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _site.DisposeAsync();
        _signalWire.Dispose();
        _twilioVerify.Dispose();
    }

    [IterationSetup(Target = nameof(SignalWire_Verify))]
    public void PrepareCodes()
    {
        foreach (var user in _pool)
        {
            _userManager.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName).GetAwaiter().GetResult();
        }

        _next = 0;
    }

    [IterationSetup(Targets = [nameof(Floor_Send), nameof(SignalWire_Send), nameof(Twilio_Send), nameof(Floor_Verify), nameof(Twilio_Verify)])]
    public void StartRound() => _next = 0;

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> Floor_Send() => _floor.SendAsync(NextUser().PhoneNumber!);

    [Benchmark(Description = "SignalWireSms provider")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> SignalWire_Send() => _userManager.GenerateTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName);

    [Benchmark(Description = "Twilio Verify provider (Twilio SDK)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> Twilio_Send() => _userManager.GenerateTwoFactorTokenAsync(NextUser(), Twilio);

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> Floor_Verify()
    {
        NextUser();
        return _floor.VerifyAsync(CannedSignalWireHandler.RequestId, Code);
    }

    [Benchmark(Description = "SignalWireSms provider")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> SignalWire_Verify() => _userManager.VerifyTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName, Code);

    [Benchmark(Description = "Twilio Verify provider (Twilio SDK)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> Twilio_Verify() => _userManager.VerifyTwoFactorTokenAsync(NextUser(), Twilio, Code);

    private IdentityUser NextUser() =>
        _next < Users
            ? _pool[_next++]
            : throw new InvalidOperationException($"More than {Users} invocations in one iteration: set the invocation count to {Users}.");

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The benchmark set-up is wrong: {what} failed.");
        }
    }
}
