using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Limits;

public sealed class DistributedCacheAtomicStoreTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    // Ahead of the real clock, so that the memory cache (which expires on the real clock) keeps what the store writes
    // and the store alone decides, on this clock, when a window has ended.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddDays(1));
    private readonly MemoryDistributedCache _cache;
    private readonly DistributedCacheAtomicStore _store;

    public DistributedCacheAtomicStoreTests()
    {
        _cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _store = new DistributedCacheAtomicStore(_cache, _time);
    }

    [Fact]
    public async Task A_counter_refuses_at_its_limit_with_the_time_left_in_a_window_that_starts_with_the_first_count()
    {
        var charge = Charge(Counter("k", limit: 2));
        Assert.Null((await _store.ChargeAsync(charge)).RefusedBy);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Null((await _store.ChargeAsync(charge)).RefusedBy);

        var refused = await _store.ChargeAsync(charge);

        Assert.Equal(SignalWireSendLimit.UserBudget, refused.RefusedBy);
        Assert.Equal(TimeSpan.FromMinutes(6), refused.Wait);
    }

    [Fact]
    public async Task A_new_window_starts_once_the_old_one_ends()
    {
        var charge = Charge(Counter("k", limit: 1));
        await _store.ChargeAsync(charge);
        _time.Advance(Window);

        Assert.Null((await _store.ChargeAsync(charge)).RefusedBy);
    }

    [Fact]
    public async Task A_cooldown_refuses_until_it_ends_and_can_be_ended_early()
    {
        var charge = new SendCharge(new CooldownCharge("c", TimeSpan.FromSeconds(30)), [], Guard: null);
        Assert.Null((await _store.ChargeAsync(charge)).RefusedBy);
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ResendCooldown, TimeSpan.FromSeconds(18)), await _store.ChargeAsync(charge));

        await _store.EndCooldownAsync("c");

        Assert.Null((await _store.ChargeAsync(charge)).RefusedBy);
    }

    [Fact]
    public async Task A_refusal_charges_nothing()
    {
        var first = Counter("user", limit: 5);
        var full = Counter("number", limit: 1, SignalWireSendLimit.NumberBudget);
        await _store.ChargeAsync(Charge(full));

        for (var i = 0; i < 3; i++)
        {
            var refused = await _store.ChargeAsync(new SendCharge(new CooldownCharge("c", TimeSpan.FromSeconds(30)), [first, full], Guard: null));
            Assert.Equal(SignalWireSendLimit.NumberBudget, refused.RefusedBy);
        }

        // Neither the cooldown nor the first counter was charged by the three refusals.
        for (var i = 0; i < 5; i++)
        {
            Assert.Null((await _store.ChargeAsync(new SendCharge(i == 0 ? new CooldownCharge("c", TimeSpan.FromSeconds(30)) : null, [first], Guard: null))).RefusedBy);
        }
    }

    [Fact]
    public async Task The_guard_stops_a_tier_once_enough_sends_went_unverified_and_reports_the_trip_once()
    {
        var outcomes = new List<ChargeOutcome>();
        for (var i = 0; i < 6; i++)
        {
            outcomes.Add(await _store.ChargeAsync(Charge(guard: Guard(enforced: true))));
        }

        Assert.All(outcomes.Take(4), outcome => Assert.Null(outcome.RefusedBy));
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, TimeSpan.FromHours(1), TrippedTiers: 1, StoppedTiers: 1), outcomes[4]);
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, TimeSpan.FromHours(1), TrippedTiers: 0, StoppedTiers: 1), outcomes[5]);
        Assert.Equal(ChargeOutcome.Charged(stoppedTiers: 1), await _store.ChargeAsync(Charge(guard: Guard(enforced: false))));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null((await _store.ChargeAsync(Charge(guard: Guard(enforced: true, window: 5)))).RefusedBy);
    }

    [Fact]
    public async Task Verified_codes_keep_a_tier_open()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Null((await _store.ChargeAsync(Charge(guard: Guard(enforced: true)))).RefusedBy);
            await _store.CountVerifiedAsync(["range:1", "region:1"], TimeSpan.FromHours(2));
        }
    }

    [Fact]
    public async Task The_previous_window_counts_so_a_new_window_does_not_start_blind()
    {
        for (var i = 0; i < 4; i++)
        {
            await _store.ChargeAsync(Charge(guard: Guard(enforced: true)));
        }

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await _store.ChargeAsync(Charge(guard: Guard(enforced: true, window: 2)))).RefusedBy);
    }

    [Fact]
    public async Task A_stopped_range_leaves_another_range_of_the_region_open_and_the_region_tier_counts_both()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.ChargeAsync(Charge(guard: Guard(enforced: true)));
        }

        // Four sends reached the region through the first range, which is stopped; another range still gets its four.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ChargeOutcome.Charged(), await _store.ChargeAsync(Charge(guard: Guard(enforced: true, range: "other"))));
        }

        // Eight in the region, none verified: the next send, to a third range, stops the whole region.
        var regionTrip = await _store.ChargeAsync(Charge(guard: Guard(enforced: true, range: "third")));
        var third = await _store.ChargeAsync(Charge(guard: Guard(enforced: true, range: "fourth")));

        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, TimeSpan.FromHours(1), TrippedTiers: 2, StoppedTiers: 2), regionTrip);
        Assert.Equal(new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, TimeSpan.FromHours(1), TrippedTiers: 0, StoppedTiers: 2), third);
    }

    [Fact]
    public async Task A_clearance_lets_one_refused_send_through_and_is_then_used_up()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.ChargeAsync(Charge(guard: Guard(enforced: true)));
        }

        await _store.SetClearanceAsync("cleared:alice", TimeSpan.FromMinutes(10));

        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await _store.ChargeAsync(Charge(guard: Guard(enforced: true, clearance: "cleared:bob")))).RefusedBy);
        Assert.Equal(ChargeOutcome.Charged(stoppedTiers: 1, cleared: true), await _store.ChargeAsync(Charge(guard: Guard(enforced: true, clearance: "cleared:alice"))));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await _store.ChargeAsync(Charge(guard: Guard(enforced: true, clearance: "cleared:alice")))).RefusedBy);
    }

    [Fact]
    public async Task A_clearance_is_kept_for_a_send_that_needs_none_and_lapses_after_its_lifetime()
    {
        await _store.SetClearanceAsync("cleared:alice", TimeSpan.FromMinutes(10));
        Assert.Equal(ChargeOutcome.Charged(), await _store.ChargeAsync(Charge(guard: Guard(enforced: true, range: "other", clearance: "cleared:alice"))));
        for (var i = 0; i < 5; i++)
        {
            await _store.ChargeAsync(Charge(guard: Guard(enforced: true)));
        }

        Assert.True((await _store.ChargeAsync(Charge(guard: Guard(enforced: true, clearance: "cleared:alice")))).Cleared);

        await _store.SetClearanceAsync("cleared:alice", TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, (await _store.ChargeAsync(Charge(guard: Guard(enforced: true, clearance: "cleared:alice")))).RefusedBy);
    }

    [Fact]
    public async Task An_entry_that_is_not_a_counter_counts_as_none()
    {
        await _cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions());

        Assert.Null((await _store.ChargeAsync(Charge(Counter("k", limit: 1)))).RefusedBy);
    }

    private static SendCharge Charge(CounterCharge? counter = null, GuardCharge? guard = null) =>
        new(Cooldown: null, counter is null ? [] : [counter], guard);

    private static CounterCharge Counter(string key, long limit, SignalWireSendLimit budget = SignalWireSendLimit.UserBudget) =>
        new(key, limit, Window, budget);

    // Two tiers. The range: four sends, none verified, and the fifth finds it below the ratio and stops it. The region,
    // shared by every range: the same after eight.
    private static GuardCharge Guard(bool enforced, int window = 1, string range = "range", string? clearance = null) => new(
        [Tier($"{range}:", window, minimumSends: 4), Tier("region:", window, minimumSends: 8)],
        enforced,
        clearance);

    private static GuardTier Tier(string scope, int window, int minimumSends) => new(
        $"{scope}{window}",
        $"{scope}{window - 1}",
        scope + "stopped",
        TimeSpan.FromHours(2),
        minimumSends,
        MinimumVerifiedRatio: 0.5,
        CoolOff: TimeSpan.FromHours(1));
}
