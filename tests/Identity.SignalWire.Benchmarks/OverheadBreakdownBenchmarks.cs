using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Identity.SignalWire.Benchmarks.Infrastructure;
using Identity.SignalWire.Performance;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// Where the SignalWire provider's overhead over the floor goes, layer by layer, for a send and for a verify:
/// the floor through <c>IHttpClientFactory</c>'s handler chain (what the named client adds), the library's public
/// <see cref="SignalWireMfaClient"/> alone (what the MFA client adds), and the provider with the MFA client replaced
/// by one that answers at once (the Identity glue alone: budgets, keyed hashes, the cache, telemetry).
/// And what registering the providers costs every request that resolves a <see cref="UserManager{TUser}"/>, whether
/// it sends a code or not: Identity builds every registered token provider with each <c>UserManager</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(FixedInvocationConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OverheadBreakdownBenchmarks
{
    private const int Users = TwoFactorTokenBenchmarks.Users;
    private const string Code = "123456";
    private const string RequestCategory = "Request";

    private readonly CannedSignalWireHandler _signalWire = new();
    private BenchmarkSite _site = null!;
    private BenchmarkSite _glueSite = null!;
    private BenchmarkSite _builtInOnlySite = null!;
    private IdentityUser[] _pool = null!;
    private FloorClient _floor = null!;
    private FloorClient _floorThroughFactory = null!;
    private ISignalWireMfaClient _client = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _site = new BenchmarkSite(Users, _signalWire);
        _glueSite = new BenchmarkSite(Users, _signalWire, new InstantSignalWireClient());
        _builtInOnlySite = new BenchmarkSite(1, _signalWire, withSignalWire: false);
        _pool = _glueSite.Users;
        _floor = new FloorClient(_signalWire, BenchmarkSite.BaseAddress, BenchmarkSite.ProjectId, BenchmarkSite.ApiToken);
        var factoryChain = _site.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(SignalWireDefaults.HttpClientName);
        _floorThroughFactory = new FloorClient(factoryChain, BenchmarkSite.BaseAddress, BenchmarkSite.ProjectId, BenchmarkSite.ApiToken);
        _client = _site.Services.GetRequiredService<ISignalWireMfaClient>();

        await _glueSite.UserManager.GenerateTwoFactorTokenAsync(_pool[0], SignalWireDefaults.SmsProviderName);
        if (!await _glueSite.UserManager.VerifyTwoFactorTokenAsync(_pool[0], SignalWireDefaults.SmsProviderName, Code) ||
            await _client.VerifyAsync(CannedSignalWireHandler.RequestId, Code) != SignalWireMfaVerifyResult.Valid)
        {
            throw new InvalidOperationException("The benchmark set-up is wrong: a verify failed.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _glueSite.DisposeAsync();
        await _builtInOnlySite.DisposeAsync();
        await _site.DisposeAsync();
        _signalWire.Dispose();
    }

    [IterationSetup(Target = nameof(Glue_Verify))]
    public void PrepareCodes()
    {
        foreach (var user in _pool)
        {
            _glueSite.UserManager.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName).GetAwaiter().GetResult();
        }

        _next = 0;
    }

    [IterationSetup(Targets = [nameof(Floor_Send), nameof(FloorThroughFactory_Send), nameof(Client_Send), nameof(Glue_Send),
        nameof(Floor_Verify), nameof(FloorThroughFactory_Verify), nameof(Client_Verify)])]
    public void StartRound() => _next = 0;

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> Floor_Send() => _floor.SendAsync(NextUser().PhoneNumber!);

    [Benchmark(Description = "floor through IHttpClientFactory's chain")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> FloorThroughFactory_Send() => _floorThroughFactory.SendAsync(NextUser().PhoneNumber!);

    [Benchmark(Description = "SignalWireMfaClient alone")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task Client_Send() => _client.RequestCodeAsync(SignalWireMfaChannel.Sms, new SignalWireMfaCodeRequest
    {
        To = NextUser().PhoneNumber!,
        TokenLength = 6,
        ValidFor = TimeSpan.FromMinutes(10),
        MaxAttempts = 3,
        AllowAlphas = false,
    });

    [Benchmark(Description = "provider, no HTTP (Identity glue)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.SendCategory)]
    public Task<string> Glue_Send() => _glueSite.UserManager.GenerateTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName);

    [Benchmark(Baseline = true, Description = "floor: HttpClient POST + parse")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> Floor_Verify()
    {
        NextUser();
        return _floor.VerifyAsync(CannedSignalWireHandler.RequestId, Code);
    }

    [Benchmark(Description = "floor through IHttpClientFactory's chain")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> FloorThroughFactory_Verify()
    {
        NextUser();
        return _floorThroughFactory.VerifyAsync(CannedSignalWireHandler.RequestId, Code);
    }

    [Benchmark(Description = "SignalWireMfaClient alone")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task Client_Verify()
    {
        NextUser();
        return _client.VerifyAsync(CannedSignalWireHandler.RequestId, Code);
    }

    [Benchmark(Description = "provider, no HTTP (Identity glue)")]
    [BenchmarkCategory(TwoFactorTokenBenchmarks.VerifyCategory)]
    public Task<bool> Glue_Verify() => _glueSite.UserManager.VerifyTwoFactorTokenAsync(NextUser(), SignalWireDefaults.SmsProviderName, Code);

    [Benchmark(Baseline = true, Description = "new scope + UserManager, default providers only")]
    [BenchmarkCategory(RequestCategory)]
    public Task<UserManager<IdentityUser>> BuiltInOnly_UserManagerOfRequest() => _builtInOnlySite.UserManagerOfNewRequestAsync();

    [Benchmark(Description = "new scope + UserManager, + SignalWire providers")]
    [BenchmarkCategory(RequestCategory)]
    public Task<UserManager<IdentityUser>> WithSignalWire_UserManagerOfRequest() => _site.UserManagerOfNewRequestAsync();

    private IdentityUser NextUser() =>
        _next < Users
            ? _pool[_next++]
            : throw new InvalidOperationException($"More than {Users} invocations in one iteration: set the invocation count to {Users}.");
}
