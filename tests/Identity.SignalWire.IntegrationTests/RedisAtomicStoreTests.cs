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

    // The pending code is a hash of the library's own; the scripts change it only while it holds the code they were
    // asked about. (Until 1.0 it was kept in the Redis cache's own layout and read back through the cache; the cache
    // now holds no copy of it, which the last lines check.)
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

        Assert.True(await store.StorePendingCodeAsync("code", first, TimeSpan.FromMinutes(5)));
        Assert.Equal([AttemptReservation.Reserved, AttemptReservation.Reserved, AttemptReservation.Reserved, AttemptReservation.NoAttemptsLeft], [
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3),
            await store.ReserveAttemptAsync("code", "req-1", 3)]);
        Assert.Equal(3, (await store.ReadPendingCodeAsync("code"))!.Attempts);
        var removals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.RemovePendingCodeAsync("code", "req-1")));
        Assert.Single(removals, removed => removed);
        Assert.Null(await store.ReadPendingCodeAsync("code"));

        Assert.True(await store.StorePendingCodeAsync("code", second, TimeSpan.FromMinutes(5)));
        Assert.False(await store.RemovePendingCodeAsync("code", "req-1"));
        Assert.Equal(AttemptReservation.CodeGone, await store.ReserveAttemptAsync("code", "req-1", 3));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.False(await store.MarkUsedUpAsync("code", "req-1"));
        var kept = await store.ReadPendingCodeAsync("code");
        Assert.Equal(("req-2", 0, false, SignalWireMfaChannel.Sms, now.AddMinutes(5)), (kept!.RequestId, kept.Attempts, kept.UsedUp, kept.Channel, kept.ExpiresAt));
        Assert.InRange((await target.TimeToLiveAsync(OwnedKey(options, "code")))!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.Null(await cache.GetAsync("code"));
    }

    // Every field is a plain hash field written and read by the library alone: a request ID, masked number or hash
    // with characters JSON escapes comes back as it went in, and a time keeps its offset and every tick.
    [Theory]
    [OnServerAndCluster]
    public async Task A_code_the_scripts_changed_reads_back_field_for_field(RedisTopology topology)
    {
        var options = PendingCodeOptions(await redis.OfAsync(topology));
        await using var store = new RedisAtomicStore(options);
        var sentAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var code = new PendingCode("req/é€😀\"<+>\u2028", SignalWireMfaChannel.Call, "+*********23", sentAt, sentAt.AddMinutes(5), "d/h", "s\\h")
        {
            SendStartedAt = sentAt.UtcDateTime.AddTicks(-9876543),
        };

        Assert.True(await store.StorePendingCodeAsync("code", code, TimeSpan.FromMinutes(5)));
        Assert.Equal(AttemptReservation.Reserved, await store.ReserveAttemptAsync("code", code.RequestId, 3));
        Assert.Equal(AttemptReservation.Reserved, await store.ReserveAttemptAsync("code", code.RequestId, 3));

        var read = await store.ReadPendingCodeAsync("code");
        Assert.Equal(code with { Attempts = 2 }, read);
        Assert.Equal((sentAt.Offset, sentAt.Ticks), (read!.SentAt.Offset, read.SentAt.Ticks));
        Assert.Equal(code.SendStartedAt!.Value.Ticks, read.SendStartedAt!.Value.Ticks);
        Assert.True(await store.RemovePendingCodeAsync("code", code.RequestId));
    }

    // Regression (issue 18): attempts were counted after SignalWire answered, so 30 checks at once all reached it.
    [Fact]
    public async Task Of_thirty_callers_reserving_an_attempt_at_once_exactly_max_attempts_succeed()
    {
        await using var store = await WithOneCodeAsync();

        var reservations = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => store.ReserveAttemptAsync("code", "req-1", 5)));

        Assert.Equal(5, reservations.Count(reservation => reservation == AttemptReservation.Reserved));
        Assert.Equal(25, reservations.Count(reservation => reservation == AttemptReservation.NoAttemptsLeft));
        Assert.Equal(5, (await store.ReadPendingCodeAsync("code"))!.Attempts);
    }

    [Fact]
    public async Task An_attempt_given_back_is_one_never_below_zero_and_never_to_a_code_marked_used_up()
    {
        await using var store = await WithOneCodeAsync();

        await store.ReserveAttemptAsync("code", "req-1", 3);
        Assert.True(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.Equal(0, (await store.ReadPendingCodeAsync("code"))!.Attempts);

        await store.ReserveAttemptAsync("code", "req-1", 3);
        Assert.True(await store.MarkUsedUpAsync("code", "req-1"));
        Assert.False(await store.ReturnAttemptAsync("code", "req-1"));
        Assert.Equal(AttemptReservation.NoAttemptsLeft, await store.ReserveAttemptAsync("code", "req-1", 3));
        var usedUp = (await store.ReadPendingCodeAsync("code"))!;
        Assert.Equal((1, true, 0), (usedUp.Attempts, usedUp.UsedUp, usedUp.AttemptsLeft(3)));
    }

    // Replaces "the previous version's wrong answers are spent attempts", which pinned reading and rewriting the
    // previous layout. The upgrade decision (docs/storage.md): an entry the previous version kept in the Redis cache's
    // layout is neither read nor changed; it lapses with its own expiry and the user asks for a new code.
    [Fact]
    public async Task A_code_the_previous_version_kept_in_the_Redis_cache_is_left_to_lapse()
    {
        var options = PendingCodeOptions(redis.Server);
        await using var store = new RedisAtomicStore(options);
        using var cache = new RedisCache(options);
        var now = DateTimeOffset.UtcNow;
        var previous = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"requestId":"req-1","channel":"Sms","maskedDestination":"+*********23","sentAt":"{{now:O}}","expiresAt":"{{now.AddMinutes(5):O}}","destinationHash":"d","securityStampHash":"s","wrongAnswers":2}""");
        await cache.SetAsync("code", previous, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });

        Assert.Null(await store.ReadPendingCodeAsync("code"));
        Assert.Equal(AttemptReservation.CodeGone, await store.ReserveAttemptAsync("code", "req-1", 3));
        Assert.False(await store.RemovePendingCodeAsync("code", "req-1"));

        var code = new PendingCode("req-2", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now };
        Assert.True(await store.StorePendingCodeAsync("code", code, TimeSpan.FromMinutes(5)));
        Assert.Equal("req-2", (await store.ReadPendingCodeAsync("code"))!.RequestId);
        Assert.Equal(previous, await cache.GetAsync("code"));
    }

    // Regression (issue 18): an SMS send SignalWire answered slowly was stored after a later call code's send, so the
    // older code became the pending one. The send that began later is kept, whichever is stored last.
    [Fact]
    public async Task A_code_whose_send_began_earlier_never_replaces_one_that_began_later()
    {
        var options = PendingCodeOptions(redis.Server);
        await using var store = new RedisAtomicStore(options);
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var earlier = new PendingCode("sms", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now.AddTicks(9_999_999) };
        var later = earlier with { RequestId = "call", Channel = SignalWireMfaChannel.Call, SendStartedAt = now.AddSeconds(1) };
        var unordered = earlier with { RequestId = "old", SendStartedAt = null };

        Assert.True(await store.StorePendingCodeAsync("code", unordered, TimeSpan.FromMinutes(5)));
        Assert.True(await store.StorePendingCodeAsync("code", later, TimeSpan.FromMinutes(5)));
        Assert.False(await store.StorePendingCodeAsync("code", earlier, TimeSpan.FromMinutes(5)));
        Assert.Equal("call", (await store.ReadPendingCodeAsync("code"))!.RequestId);

        // One tick apart, past what a double holds exactly: still ordered.
        Assert.False(await store.StorePendingCodeAsync("code", later with { RequestId = "tick", SendStartedAt = later.SendStartedAt!.Value.AddTicks(-1) }, TimeSpan.FromMinutes(5)));

        // Equal starts (two instances, one instant): the later store wins.
        Assert.True(await store.StorePendingCodeAsync("code", later with { RequestId = "tie" }, TimeSpan.FromMinutes(5)));
        Assert.Equal("tie", (await store.ReadPendingCodeAsync("code"))!.RequestId);
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

    // A store over a fresh prefix, with one pending code "req-1" at "code", sent just now.
    private async Task<RedisAtomicStore> WithOneCodeAsync()
    {
        var store = new RedisAtomicStore(PendingCodeOptions(redis.Server));
        var now = DateTimeOffset.UtcNow;
        var code = new PendingCode("req-1", SignalWireMfaChannel.Sms, "+*********23", now, now.AddMinutes(5), "d", "s") { SendStartedAt = now };
        Assert.True(await store.StorePendingCodeAsync("code", code, TimeSpan.FromMinutes(5)));
        return store;
    }

    // The key the store keeps the pending code named key in (docs/storage.md): the library's own, in a hash tag.
    private static string OwnedKey(IOptions<RedisCacheOptions> options, string key) => options.Value.InstanceName + "{" + key + "}";

    // The Redis cache and the store share these settings, as in an application; a fresh prefix keeps tests apart.
    private static IOptions<RedisCacheOptions> PendingCodeOptions(RedisDeployment target) =>
        Options.Create(new RedisCacheOptions { Configuration = target.Configuration, InstanceName = $"atomic-{Guid.NewGuid():N}:" });
}
