using System.Collections.Concurrent;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Issue 19: on Redis the library keeps pending codes in keys of its own, never in the Redis cache's private layout
/// (a hash with fields <c>data</c>, <c>absexp</c>, <c>sldexp</c>), so an application may upgrade the cache package on
/// its own without breaking sign-in.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PendingCodeKeysRedisTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    private static readonly string[] OwnedFields =
        ["requestId", "channel", "maskedDestination", "sentAt", "expiresAt", "destinationHash", "securityStampHash", "attempts", "usedUp", "sendStartedAt"];

    // The application's cache is a RedisCache behind a decorator that records every key asked of it: no pending code
    // goes through it, and in Redis no key of the site has the cache's layout. The page state reads what the checks did.
    [Theory]
    [OnServerAndCluster]
    public async Task A_sign_in_neither_reads_nor_writes_a_pending_code_in_the_Redis_caches_layout(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        var cacheKeys = new ConcurrentQueue<string>();
        await using var site = await TestSite.StartAsync(
            target,
            options => options.ResendCooldown = TimeSpan.FromSeconds(30),
            configureServices: services => services.AddSingleton<IDistributedCache>(provider =>
                new KeyRecordingCache(new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>()), cacheKeys)));
        var (email, number) = await site.CreateUserAsync();

        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var code = await site.NextCodeAsync(number);
        Assert.False(await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code == "000000" ? "111111" : "000000")));
        var pending = await site.App.PendingCodeAsync(email);

        Assert.NotNull(pending);
        Assert.Equal(2, pending.AttemptsLeft);
        Assert.NotNull(pending.NextSendAt);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(target.Configuration);
        var database = connection.GetDatabase();
        var key = Assert.Single(await target.KeysAsync(site.PendingCodeKeys));
        Assert.Equal(RedisType.Hash, await database.KeyTypeAsync(key));
        Assert.Equal(
            OwnedFields.Order(StringComparer.Ordinal),
            (await database.HashKeysAsync(key)).Select(field => (string)field!).Order(StringComparer.Ordinal));
        Assert.Equal("1", (string?)await database.HashGetAsync(key, "attempts"));
        await AssertNoKeyInTheCachesLayoutAsync(target, database, site.Store.CacheInstanceName);

        Assert.True(await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code)));
        Assert.Empty(await target.KeysAsync(site.PendingCodeKeys));
        Assert.Null(await site.App.PendingCodeAsync(email));
        await AssertNoKeyInTheCachesLayoutAsync(target, database, site.Store.CacheInstanceName);
        Assert.DoesNotContain(cacheKeys, cacheKey => cacheKey.Contains("code:", StringComparison.Ordinal));
    }

    // The Redis cache keeps an entry as a hash with a "data" field; the library's own hashes have none.
    private static async Task AssertNoKeyInTheCachesLayoutAsync(RedisDeployment target, IDatabase database, string instanceName)
    {
        foreach (var key in await target.KeysAsync(instanceName + "*"))
        {
            if (await database.KeyTypeAsync(key) == RedisType.Hash)
            {
                Assert.False(await database.HashExistsAsync(key, "data"), key);
            }
        }
    }

    // An IDistributedCache that notes each key asked of it, then passes the call on; disposed with the application.
    private sealed class KeyRecordingCache(RedisCache inner, ConcurrentQueue<string> keys) : IDistributedCache, IDisposable
    {
        public void Dispose() => inner.Dispose();

        public byte[]? Get(string key) => inner.Get(Noted(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(Noted(key), token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(Noted(key), value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            inner.SetAsync(Noted(key), value, options, token);

        public void Refresh(string key) => inner.Refresh(Noted(key));

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(Noted(key), token);

        public void Remove(string key) => inner.Remove(Noted(key));

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(Noted(key), token);

        private string Noted(string key)
        {
            keys.Enqueue(key);
            return key;
        }
    }
}
