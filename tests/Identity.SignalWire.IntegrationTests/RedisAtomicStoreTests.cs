using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The Redis side of the atomic operations the library relies on, against a real server and a real cluster.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisAtomicStoreTests(RedisFixture redis)
{
    // Regression: instances starting together each made a hashing key of their own ("read back" after a plain set
    // did not close the race), so they kept separate send counters and could not check each other's codes.
    [Theory]
    [OnServerAndCluster]
    public async Task Of_many_instances_racing_to_create_the_hashing_key_all_get_the_first_one_written(RedisTopology topology)
    {
        var options = RedisOptions(await redis.OfAsync(topology));
        var stores = Enumerable.Range(0, 8).Select(_ => new RedisAtomicStore(options, new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())))).ToList();
        try
        {
            var offered = Enumerable.Range(0, 50).Select(i => new[] { (byte)i }).ToList();
            var kept = await Task.WhenAll(offered.Select((value, i) => stores[i % stores.Count].GetOrAddAsync("hash-key", value)));

            Assert.Single(kept.Select(value => Convert.ToHexString(value)).Distinct());
            Assert.Contains(offered, value => value.SequenceEqual(kept[0]));
            Assert.Equal(kept[0], await stores[0].GetOrAddAsync("hash-key", [99]));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    // The pending-code entry is written by the real Redis cache (a hash with a "data" field); the scripts change it
    // only while it holds the code they were asked about.
    [Theory]
    [OnServerAndCluster]
    public async Task Of_many_callers_removing_one_pending_code_exactly_one_does_and_a_newer_code_is_never_removed(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        var options = RedisOptions(target);
        using var cache = new RedisCache(options);
        await using var store = new RedisAtomicStore(options, cache);
        var now = DateTimeOffset.UtcNow;
        var first = new PendingCode("req-1", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s");
        var second = first with { RequestId = "req-2" };

        await store.SetPendingCodeAsync("code", first.ToBytes(), TimeSpan.FromMinutes(5));
        Assert.Equal([1, 2, 3, 3], [
            await store.CountWrongAnswersAsync("code", "req-1", 1, 0),
            await store.CountWrongAnswersAsync("code", "req-1", 1, 0),
            await store.CountWrongAnswersAsync("code", "req-1", 0, 3),
            await store.CountWrongAnswersAsync("code", "req-1", 0, 2)]);
        Assert.Equal(3, PendingCode.FromBytes(await cache.GetAsync("code"))!.WrongAnswers);
        var removals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.RemovePendingCodeAsync("code", "req-1")));
        Assert.Single(removals, removed => removed);
        Assert.Null(await cache.GetAsync("code"));

        await store.SetPendingCodeAsync("code", second.ToBytes(), TimeSpan.FromMinutes(5));
        Assert.False(await store.RemovePendingCodeAsync("code", "req-1"));
        Assert.Null(await store.CountWrongAnswersAsync("code", "req-1", 1, 0));
        var kept = PendingCode.FromBytes(await cache.GetAsync("code"));
        Assert.Equal(("req-2", 0, SignalWireMfaChannel.Sms, now.AddMinutes(5)), (kept!.RequestId, kept.WrongAnswers, kept.Channel, kept.ExpiresAt));
        Assert.InRange((await target.TimeToLiveAsync(options.Value.InstanceName + "code"))!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    // The wrong-answer script re-encodes the entry with cjson, which orders keys by hash, escapes "/" and writes
    // non-ASCII as raw UTF-8: the library must still read every field, and the scripts still find the request ID
    // the library escaped its own way.
    [Theory]
    [OnServerAndCluster]
    public async Task An_entry_the_scripts_rewrote_with_cjson_reads_back_field_for_field(RedisTopology topology)
    {
        var options = RedisOptions(await redis.OfAsync(topology));
        using var cache = new RedisCache(options);
        await using var store = new RedisAtomicStore(options, cache);
        var sentAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var code = new PendingCode("req/é€😀\"<+>\u2028", SignalWireMfaChannel.Call, "+*********23", sentAt, sentAt.AddMinutes(5), "d/h", "s\\h");

        await store.SetPendingCodeAsync("code", code.ToBytes(), TimeSpan.FromMinutes(5));
        Assert.Equal(2, await store.CountWrongAnswersAsync("code", code.RequestId, 2, 0));
        var rewritten = await cache.GetAsync("code");

        Assert.NotEqual(code.ToBytes(), rewritten);
        var read = PendingCode.FromBytes(rewritten);
        Assert.Equal(code with { WrongAnswers = 2 }, read);
        Assert.Equal((sentAt.Offset, sentAt.Ticks), (read!.SentAt.Offset, read.SentAt.Ticks));
        Assert.True(await store.RemovePendingCodeAsync("code", code.RequestId));
    }

    [Theory]
    [OnServerAndCluster]
    public async Task A_connection_the_application_gives_is_shared_and_left_open(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(target.Configuration);
        var factoryCalls = 0;
        var options = Options.Create(new RedisCacheOptions
        {
            InstanceName = $"shared-{Guid.NewGuid():N}:",
            ConnectionMultiplexerFactory = () =>
            {
                Interlocked.Increment(ref factoryCalls);
                return Task.FromResult<StackExchange.Redis.IConnectionMultiplexer>(connection);
            },
        });
        var store = new RedisAtomicStore(options, new RedisCache(options));

        var charge = new SendCharge(null, [new CounterCharge("count", 5, TimeSpan.FromMinutes(1), SignalWireSendLimit.UserBudget)], Guard: null);
        var first = await store.ChargeAsync(charge);
        var second = await store.ChargeAsync(charge);
        await store.DisposeAsync();

        Assert.Equal((null, null), (first.RefusedBy, second.RefusedBy));
        Assert.Equal(1, factoryCalls);
        Assert.True(connection.IsConnected);
        Assert.Equal(2L, (long)await connection.GetDatabase().StringGetAsync(options.Value.InstanceName + "count"));
    }

    // The Redis cache and the store share these settings, as in an application; a fresh prefix keeps tests apart.
    private static IOptions<RedisCacheOptions> RedisOptions(RedisDeployment target) =>
        Options.Create(new RedisCacheOptions { Configuration = target.Configuration, InstanceName = $"atomic-{Guid.NewGuid():N}:" });
}
