using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The Redis side of the atomic operations the library relies on, against a real server.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisAtomicStoreTests(RedisFixture redis)
{
    // Regression: instances starting together each made a hashing key of their own ("read back" after a plain set
    // did not close the race), so they kept separate send counters and could not check each other's codes.
    [Theory]
    [OnServerAndCluster]
    public async Task Of_many_instances_racing_to_create_the_hashing_key_all_get_the_first_one_written(RedisTopology topology)
    {
        var options = PendingCodeOptions(await redis.OfAsync(topology));
        var stores = Enumerable.Range(0, 8).Select(_ => new RedisAtomicStore(options)).ToList();
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

    // The pending-code entry is kept as the real Redis cache keeps one (a hash with a "data" field) and read back by
    // it; the scripts change it only while it holds the code they were asked about.
    [Theory]
    [OnServerAndCluster]
    public async Task Of_many_callers_removing_one_pending_code_exactly_one_does_and_a_newer_code_is_never_removed(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        var options = PendingCodeOptions(target);
        using var cache = new RedisCache(options);
        await using var store = new RedisAtomicStore(options);
        var now = DateTimeOffset.UtcNow;
        var first = new PendingCode("req-1", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now };
        var second = first with { RequestId = "req-2", SendStartedAt = now.AddTicks(1) };

        Assert.True(await store.StorePendingCodeAsync("code", first.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.Equal([AttemptReservation.Reserved, AttemptReservation.Reserved, AttemptReservation.Reserved, AttemptReservation.NoAttemptsLeft], [
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3)]);
        Assert.Equal(3, PendingCode.FromBytes(await cache.GetAsync("code"))!.Attempts);
        var removals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.RemovePendingCodeAsync("code", "req-1")));
        Assert.Single(removals, removed => removed);
        Assert.Null(await cache.GetAsync("code"));

        Assert.True(await store.StorePendingCodeAsync("code", second.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.False(await store.RemovePendingCodeAsync("code", "req-1"));
        Assert.Equal(AttemptReservation.CodeGone, await store.ReserveAttemptAsync("code", "req-1", 3));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.False(await store.MarkUsedUpAsync("code", "req-1"));
        var kept = PendingCode.FromBytes(await cache.GetAsync("code"));
        Assert.Equal(("req-2", 0, false, SignalWireMfaChannel.Sms, now.AddMinutes(5)), (kept!.RequestId, kept.Attempts, kept.UsedUp, kept.Channel, kept.ExpiresAt));
        Assert.InRange((await target.TimeToLiveAsync(options.Value.InstanceName + "code"))!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    // The attempts scripts re-encode the entry with cjson, which orders keys by hash, escapes "/" and writes non-ASCII
    // as raw UTF-8: the library must still read every field, and the scripts still find the request ID the library
    // escaped its own way.
    [Theory]
    [OnServerAndCluster]
    public async Task An_entry_the_scripts_rewrote_with_cjson_reads_back_field_for_field(RedisTopology topology)
    {
        var options = PendingCodeOptions(await redis.OfAsync(topology));
        using var cache = new RedisCache(options);
        await using var store = new RedisAtomicStore(options);
        var sentAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var code = new PendingCode("req/é€😀\"<+>\u2028", SignalWireMfaChannel.Call, "+*********23", sentAt, sentAt.AddMinutes(5), "d/h", "s\\h")
        {
            SendStartedAt = sentAt.UtcDateTime.AddTicks(-9876543),
        };

        Assert.True(await store.StorePendingCodeAsync("code", code.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.Equal(AttemptReservation.Reserved, await store.ReserveAttemptAsync("code", code.RequestId, 3));
        Assert.Equal(AttemptReservation.Reserved, await store.ReserveAttemptAsync("code", code.RequestId, 3));
        var rewritten = await cache.GetAsync("code");

        Assert.NotEqual(code.ToBytes(), rewritten);
        var read = PendingCode.FromBytes(rewritten);
        Assert.Equal(code with { Attempts = 2 }, read);
        Assert.Equal((sentAt.Offset, sentAt.Ticks), (read!.SentAt.Offset, read.SentAt.Ticks));
        Assert.Equal(code.SendStartedAt!.Value.Ticks, read.SendStartedAt!.Value.Ticks);
        Assert.True(await store.RemovePendingCodeAsync("code", code.RequestId));
    }

    // Regression (issue 18): attempts were counted after SignalWire answered, so 30 checks at once all reached it.
    [Fact]
    public async Task Of_thirty_callers_reserving_an_attempt_at_once_exactly_max_attempts_succeed()
    {
        var (store, cache) = await WithOneCodeAsync();
        await using var _ = store;
        using var __ = cache;

        var reservations = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => store.ReserveAttemptAsync("code", "req-1", 5)));

        Assert.Equal(5, reservations.Count(reservation => reservation == AttemptReservation.Reserved));
        Assert.Equal(25, reservations.Count(reservation => reservation == AttemptReservation.NoAttemptsLeft));
        Assert.Equal(5, PendingCode.FromBytes(await cache.GetAsync("code"))!.Attempts);
    }

    [Fact]
    public async Task An_attempt_given_back_is_one_never_below_zero_and_never_to_a_code_marked_used_up()
    {
        var (store, cache) = await WithOneCodeAsync();
        await using var _ = store;
        using var __ = cache;

        await store.ReserveAttemptAsync("code", "req-1", 3);
        Assert.True(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.Equal(0, PendingCode.FromBytes(await cache.GetAsync("code"))!.Attempts);

        await store.ReserveAttemptAsync("code", "req-1", 3);
        Assert.True(await store.MarkUsedUpAsync("code", "req-1"));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.Equal(AttemptReservation.NoAttemptsLeft, await store.ReserveAttemptAsync("code", "req-1", 3));
        var usedUp = PendingCode.FromBytes(await cache.GetAsync("code"))!;
        Assert.Equal((1, true, 0), (usedUp.Attempts, usedUp.UsedUp, usedUp.AttemptsLeft(3)));
    }

    // An entry the previous version wrote counts its wrong answers as spent attempts, and the rewrite drops the old name.
    [Fact]
    public async Task The_previous_versions_wrong_answers_are_spent_attempts()
    {
        var options = PendingCodeOptions(redis.Server);
        await using var store = new RedisAtomicStore(options);
        using var cache = new RedisCache(options);
        var now = DateTimeOffset.UtcNow;
        var previous = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"requestId":"req-1","channel":"Sms","maskedDestination":"+*********23","sentAt":"{{now:O}}","expiresAt":"{{now.AddMinutes(5):O}}","destinationHash":"d","securityStampHash":"s","wrongAnswers":2}""");
        await cache.SetAsync("code", previous, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });

        Assert.Equal(AttemptReservation.Reserved, await store.ReserveAttemptAsync("code", "req-1", 3));
        Assert.Equal(AttemptReservation.NoAttemptsLeft, await store.ReserveAttemptAsync("code", "req-1", 3));
        var rewritten = await cache.GetAsync("code");
        Assert.Equal(3, PendingCode.FromBytes(rewritten)!.Attempts);
        Assert.DoesNotContain("wrongAnswers", System.Text.Encoding.UTF8.GetString(rewritten!), StringComparison.Ordinal);
    }

    // Regression (issue 18): an SMS send SignalWire answered slowly was stored after a later call code's send, so the
    // older code became the pending one. The send that began later is kept, whichever is stored last.
    [Fact]
    public async Task A_code_whose_send_began_earlier_never_replaces_one_that_began_later()
    {
        var options = PendingCodeOptions(redis.Server);
        await using var store = new RedisAtomicStore(options);
        using var cache = new RedisCache(options);
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var earlier = new PendingCode("sms", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now.AddTicks(9_999_999) };
        var later = earlier with { RequestId = "call", Channel = SignalWireMfaChannel.Call, SendStartedAt = now.AddSeconds(1) };
        var previousVersion = earlier with { RequestId = "old", SendStartedAt = null };

        Assert.True(await store.StorePendingCodeAsync("code", previousVersion.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.True(await store.StorePendingCodeAsync("code", later.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.False(await store.StorePendingCodeAsync("code", earlier.ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.Equal("call", PendingCode.FromBytes(await cache.GetAsync("code"))!.RequestId);

        // Equal starts (two instances, one instant): the later store wins.
        Assert.True(await store.StorePendingCodeAsync("code", (later with { RequestId = "tie" }).ToBytes(), TimeSpan.FromMinutes(5)));
        Assert.Equal("tie", PendingCode.FromBytes(await cache.GetAsync("code"))!.RequestId);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task A_connection_the_application_gives_is_shared_and_left_open(RedisTopology topology)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await redis.OfAsync(topology)).Configuration);
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
        var store = new RedisAtomicStore(options);

        var charge = new SendCharge(null, [new CounterCharge("count", 5, TimeSpan.FromMinutes(1), SignalWireSendLimit.UserBudget)], Guard: null);
        var first = await store.ChargeAsync(charge);
        var second = await store.ChargeAsync(charge);
        await store.DisposeAsync();

        Assert.Equal((null, null), (first.RefusedBy, second.RefusedBy));
        Assert.Equal(1, factoryCalls);
        Assert.True(connection.IsConnected);
        Assert.Equal(2L, (long)await connection.GetDatabase().StringGetAsync(options.Value.InstanceName + "count"));
    }

    // A store and the Redis cache over a fresh prefix, with one pending code "req-1" at "code", sent just now.
    private async Task<(RedisAtomicStore Store, RedisCache Cache)> WithOneCodeAsync()
    {
        var options = PendingCodeOptions(redis.Server);
        var store = new RedisAtomicStore(options);
        var now = DateTimeOffset.UtcNow;
        var code = new PendingCode("req-1", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now };
        Assert.True(await store.StorePendingCodeAsync("code", code.ToBytes(), TimeSpan.FromMinutes(5)));
        return (store, new RedisCache(options));
    }

    // The Redis cache and the store share these settings, as in an application; a fresh prefix keeps tests apart.
    private static IOptions<RedisCacheOptions> PendingCodeOptions(RedisDeployment target) =>
        Options.Create(new RedisCacheOptions { Configuration = target.Configuration, InstanceName = $"atomic-{Guid.NewGuid():N}:" });
}
