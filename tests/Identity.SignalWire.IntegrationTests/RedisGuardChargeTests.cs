using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// The pumping guard's part of the Redis charge script, against a real server and a cluster, with the outcomes the
/// in-process store gives for the same charges (DistributedCacheAtomicStoreTests): the masks of the tiers tripped and
/// stopped, and a clearance used once.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisGuardChargeTests(RedisFixture redis)
{
    private static readonly TimeSpan CoolOff = TimeSpan.FromHours(1);

    [Theory]
    [OnServerAndCluster]
    public async Task A_stopped_range_leaves_another_range_open_until_the_region_tier_trips(RedisTopology topology)
    {
        await using var store = await StoreAsync(topology);
        var outcomes = new List<ChargeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await store.ChargeAsync(Charge("range")));
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ChargeOutcome.Charged(), await store.ChargeAsync(Charge("other")));
        }

        var regionTrip = await store.ChargeAsync(Charge("third"));
        var signIn = await store.ChargeAsync(Charge("third", enforced: false));

        Assert.All(outcomes.Take(4), outcome => Assert.Equal(ChargeOutcome.Charged(), outcome));
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, CoolOff, TrippedTiers: 1, StoppedTiers: 1), outcomes[4]);
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, CoolOff, TrippedTiers: 2, StoppedTiers: 2), regionTrip);
        Assert.Equal(ChargeOutcome.Charged(stoppedTiers: 2), signIn);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task A_clearance_lets_one_refused_send_through_and_is_then_used_up(RedisTopology topology)
    {
        await using var store = await StoreAsync(topology);
        for (var i = 0; i < 5; i++)
        {
            await store.ChargeAsync(Charge("range"));
        }

        await store.SetClearanceAsync("{g}cleared:alice", TimeSpan.FromMinutes(10));

        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await store.ChargeAsync(Charge("range", clearance: "{g}cleared:bob"))).RefusedBy);
        Assert.Equal(ChargeOutcome.Charged(stoppedTiers: 1, cleared: true), await store.ChargeAsync(Charge("range", clearance: "{g}cleared:alice")));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await store.ChargeAsync(Charge("range", clearance: "{g}cleared:alice"))).RefusedBy);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task Verified_codes_counted_in_both_tiers_keep_them_open(RedisTopology topology)
    {
        await using var store = await StoreAsync(topology);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ChargeOutcome.Charged(), await store.ChargeAsync(Charge("range")));
            await store.CountVerifiedAsync(["{g}range:1", "{g}region:1"], TimeSpan.FromHours(2));
        }
    }

    private async Task<RedisAtomicStore> StoreAsync(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        return new RedisAtomicStore(Options.Create(new RedisCacheOptions { Configuration = target.Configuration, InstanceName = $"guard-{Guid.NewGuid():N}:" }));
    }

    // The tiers of DistributedCacheAtomicStoreTests, every key in one hash slot ({g}) as the library's keys are: the
    // range stops after four unverified sends, the region, shared by every range, after eight.
    private static SendCharge Charge(string range, bool enforced = true, string? clearance = null) => new(
        Cooldown: null,
        [],
        new GuardCharge([Tier($"{{g}}{range}:", minimumSends: 4), Tier("{g}region:", minimumSends: 8)], enforced, clearance));

    private static GuardTier Tier(string scope, int minimumSends) => new(
        scope + "1", scope + "0", scope + "stopped", TimeSpan.FromHours(2), minimumSends, MinimumVerifiedRatio: 0.5, CoolOff);
}
