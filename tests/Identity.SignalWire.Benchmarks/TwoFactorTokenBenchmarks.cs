using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Identity.SignalWire.Benchmarks.Infrastructure;
using Identity.SignalWire.Performance;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// One two-factor code sent and one checked, three ways, side by side: the floor (a bare HttpClient POST of the same
/// JSON to the same canned handler), the SignalWire SMS provider and Identity's built-in <c>PhoneNumberTokenProvider</c>,
/// both through the same <see cref="UserManager{TUser}"/>, user store and <c>MemoryDistributedCache</c>.
/// </summary>
/// <remarks>
/// A verify needs a pending code, and a right code is removed from the cache once used. So every iteration runs a
/// fixed number of invocations (<see cref="Users"/>), one a user, and <see cref="PrepareCodesAsync"/> sends a fresh
/// code to each user before the iteration, outside the measurement: each timed verify is a complete, successful one
/// (request id found, bindings checked, SignalWire asked, entry removed). The send benchmarks take the users in turn
/// too, so that the per-user and per-number send counters stay far below their limits.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(FixedInvocationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TwoFactorTokenBenchmarks
{
    /// <summary>Users, and so invocations in one iteration.</summary>
    public const int Users = 16384;

    public const string SendCategory = "Send";
    public const string VerifyCategory = "Verify";

    private const string Code = "123456";

    private readonly CannedSignalWireHandler _signalWire = new();
    private readonly string[] _builtInCodes = new string[Users];
    private BenchmarkSite _site = null!;
    private IdentityUser[] _pool = null!;
    private UserManager<IdentityUser> _userManager = null!;
    private FloorClient _floor = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _site = new BenchmarkSite(Users, _signalWire);
        _pool = _site.Users;
        _userManager = _site.UserManager;
        _floor = new FloorClient(_signalWire, BenchmarkSite.BaseAddress, BenchmarkSite.ProjectId, BenchmarkSite.ApiToken);

        await CheckEveryWayWorksAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _site.DisposeAsync();
        _signalWire.Dispose();
    }

    [IterationSetup(Target = nameof(SignalWire_Verify))]
    public void PrepareCodes() => PrepareCodesAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(BuiltIn_Verify))]
    public void PrepareBuiltInCodes() => PrepareBuiltInCodesAsync().GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(Floor_Send), nameof(SignalWire_Send), nameof(BuiltIn_Send), nameof(Floor_Verify)])]
    public void StartRound() => _next = 0;

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(SendCategory)]
    public Task<string> Floor_Send() => _floor.SendAsync(NextUser().PhoneNumber!);

    [Benchmark(Description = "SignalWireSms provider")]
    [BenchmarkCategory(SendCategory)]
    public Task<string> SignalWire_Send() => _userManager.GenerateTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName);

    [Benchmark(Description = "built-in Phone provider")]
    [BenchmarkCategory(SendCategory)]
    public Task<string> BuiltIn_Send() => _userManager.GenerateTwoFactorTokenAsync(NextUser(), TokenOptions.DefaultPhoneProvider);

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(VerifyCategory)]
    public Task<bool> Floor_Verify()
    {
        NextUser();
        return _floor.VerifyAsync(CannedSignalWireHandler.RequestId, Code);
    }

    [Benchmark(Description = "SignalWireSms provider")]
    [BenchmarkCategory(VerifyCategory)]
    public Task<bool> SignalWire_Verify() => _userManager.VerifyTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName, Code);

    [Benchmark(Description = "built-in Phone provider")]
    [BenchmarkCategory(VerifyCategory)]
    public Task<bool> BuiltIn_Verify()
    {
        var index = _next;
        return _userManager.VerifyTwoFactorTokenAsync(NextUser(), TokenOptions.DefaultPhoneProvider, _builtInCodes[index]);
    }

    // Each iteration has exactly Users invocations; one more would verify a code already used, which is cheaper and
    // would flatter the result, so it stops the run instead.
    private IdentityUser NextUser() =>
        _next < Users
            ? _pool[_next++]
            : throw new InvalidOperationException($"More than {Users} invocations in one iteration: set the invocation count to {Users}.");

    private async Task PrepareCodesAsync()
    {
        foreach (var user in _pool)
        {
            await _userManager.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        }

        _next = 0;
    }

    private async Task PrepareBuiltInCodesAsync()
    {
        for (var i = 0; i < Users; i++)
        {
            _builtInCodes[i] = await _userManager.GenerateTwoFactorTokenAsync(_pool[i], TokenOptions.DefaultPhoneProvider);
        }

        _next = 0;
    }

    // The timed calls do not look at their results (a check would be measured too), so each way is proved once here:
    // a code sent is accepted, and a SignalWire code is accepted only once.
    private async Task CheckEveryWayWorksAsync()
    {
        var user = _pool[0];
        var requestId = await _floor.SendAsync(user.PhoneNumber!);
        Require(await _floor.VerifyAsync(requestId, Code), "the floor's verify");

        await _userManager.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        Require(await _userManager.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, Code), "the SignalWire verify");
        Require(!await _userManager.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, Code), "the SignalWire code used only once");

        var builtIn = await _userManager.GenerateTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider);
        Require(await _userManager.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider, builtIn), "the built-in verify");

        static void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"The benchmark set-up is wrong: {what} failed.");
            }
        }
    }
}
