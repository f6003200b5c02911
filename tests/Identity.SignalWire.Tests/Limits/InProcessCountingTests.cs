using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>
/// With the in-memory cache (one instance), the budgets are exact under parallel requests; and which store counts is
/// decided by the Redis settings, not by the cache's concrete type.
/// </summary>
public sealed class InProcessCountingTests
{
    private const int Parallel = 50;

    // Regression: with the in-memory cache, parallel requests each read the old count and all got through.
    [Fact]
    public async Task Fifty_parallel_charges_of_one_budget_let_exactly_its_limit_through()
    {
        var store = new DistributedCacheAtomicStore(new YieldingCache(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1)));
        var charge = new SendCharge(null, [new CounterCharge("k", 20, TimeSpan.FromMinutes(10), SignalWireSendLimit.UserBudget)], Guard: null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(() => store.ChargeAsync(charge))));

        Assert.Equal(20, outcomes.Count(outcome => outcome.RefusedBy is null));
        Assert.All(outcomes.Where(outcome => outcome.RefusedBy is not null), outcome => Assert.Equal(SignalWireSendLimit.UserBudget, outcome.RefusedBy));
    }

    [Fact]
    public async Task Of_fifty_parallel_cooldowns_on_one_key_exactly_one_starts()
    {
        var store = new DistributedCacheAtomicStore(new YieldingCache(), new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1)));

        var charge = new SendCharge(new CooldownCharge("c", TimeSpan.FromSeconds(30)), [], Guard: null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(() => store.ChargeAsync(charge))));

        Assert.Single(outcomes, outcome => outcome.RefusedBy is null);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(30, 1)]
    public async Task Fifty_parallel_sign_in_codes_through_UserManager_send_exactly_the_budget(int cooldownSeconds, int expected)
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.ResendCooldown = TimeSpan.FromSeconds(cooldownSeconds);
            options.Budgets.MaxSendsPerUser = 5;
        });
        host.Cache.YieldOnAccess = true;
        var user = await host.CreateUserAsync("ada@example.com", "+12015550123");

        // The user is read once; generating a code reads its number and stamp from the object, not the database.
        var users = host.Users;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            try
            {
                await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
                return "sent";
            }
            catch (SignalWireSendLimitException exception)
            {
                return exception.Limit.ToString();
            }
        })));

        Assert.Equal(expected, outcomes.Count(outcome => outcome == "sent"));
        Assert.Equal(expected, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_decorated_Redis_cache_still_counts_in_Redis()
    {
        var services = Services();
        services.AddStackExchangeRedisCache(options => options.Configuration = "127.0.0.1:1");
        services.AddSingleton<IDistributedCache>(provider => new YieldingCache());

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisAtomicStore>(provider.GetRequiredKeyedService<IAtomicStore>(typeof(TranslatingAtomicStore)));
    }

    [Fact]
    public void The_memory_cache_counts_in_process()
    {
        var services = Services();
        services.AddDistributedMemoryCache();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<DistributedCacheAtomicStore>(provider.GetRequiredKeyedService<IAtomicStore>(typeof(TranslatingAtomicStore)));
    }

    [Fact]
    public void The_memory_cache_is_never_taken_for_Redis_even_with_Redis_settings_left_configured()
    {
        var services = Services();
        services.AddStackExchangeRedisCache(options => options.Configuration = "127.0.0.1:1");
        services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

        using var provider = services.BuildServiceProvider();

        Assert.IsType<DistributedCacheAtomicStore>(provider.GetRequiredKeyedService<IAtomicStore>(typeof(TranslatingAtomicStore)));
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIdentityCore<IdentityUser>().AddSignalWireTokenProviders(options =>
        {
            options.SpaceName = "example";
            options.ProjectId = IdentityTestHost.ProjectId;
            options.ApiToken = IdentityTestHost.ApiToken;
        });
        return services;
    }

    // The memory cache answers synchronously; a real cache (or a decorator) yields, which is where the race lived.
    private sealed class YieldingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public byte[]? Get(string key) => _inner.Get(key);

        public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            await Task.Yield();
            return await _inner.GetAsync(key, token);
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => _inner.Set(key, value, options);

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await Task.Yield();
            await _inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => _inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

        public void Remove(string key) => _inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => _inner.RemoveAsync(key, token);
    }
}
