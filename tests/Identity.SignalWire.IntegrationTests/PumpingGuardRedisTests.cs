using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit.Abstractions;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// The two attacks of issue 20 through the real path: the emulator, two instances sharing a real Redis, UserManager,
/// the library's default guard and confirmation budgets. 100 throw-away accounts ask for 5 confirmation codes each,
/// in parallel over both instances; honest users enrol meanwhile, and users the application clears get their codes.
/// The theories run on one server and on a cluster, where every key of a send (the clearance included) must share a slot.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PumpingGuardRedisTests(RedisFixture redis, ITestOutputHelper output)
{
    private const int Bots = 100;
    private const int CodesPerBot = 5;
    private const int HonestUsers = 20;

    private static readonly SignalWirePumpingGuardOptions Defaults = new();

    // Nigeria: +234 803, a mobile destination code, with the attack in one range (803 100 xxxx) or over many.
    [Theory]
    [OnServerAndCluster]
    public async Task An_attack_on_one_range_gets_at_most_MinimumSends_codes_while_the_rest_of_the_region_enrols(RedisTopology topology)
    {
        await using var site = await StartAsync(topology);
        var second = await site.StartInstanceAsync();
        using var trips = TripsOf(site.App);
        using var secondTrips = TripsOf(second);
        var attackNumbers = Numbers(Bots * CodesPerBot, i => $"+2348031{i:D6}");
        var honestNumbers = Numbers(HonestUsers, i => $"+234803{200 + i}0123");

        var (attack, honest) = await RunAttackAsync(site, second, attackNumbers, honestNumbers);

        // Cleared by the application after its own check, a user of the attacked range enrols there too.
        var cleared = await EnrolAfterChallengeAsync(site, second, "neighbour@example.com", "+2348031009999");

        Report("one range (NG 803100)", attack, honest);
        Assert.InRange(attack.Reached, 1, Defaults.MinimumSends);
        Assert.Equal(attackNumbers.Count - attack.Reached, attack.Refusals.Count);
        Assert.All(attack.Refusals, limit => Assert.Equal(SignalWireSendLimit.ChallengeRequired, limit));
        Assert.Equal(HonestUsers, honest.Enrolled);
        Assert.True(cleared);

        // One trip, counted once across both instances, naming the range and never a number.
        var trip = Assert.Single(trips.GetMeasurementSnapshot().Concat(secondTrips.GetMeasurementSnapshot()));
        Assert.Equal("range", trip.Tags["tier"]);
        Assert.Equal("NG", trip.Tags["region"]);
        Assert.Equal("803100", trip.Tags["range"]);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task An_attack_spread_over_the_region_is_bounded_by_the_region_tier_and_cleared_users_still_enrol(RedisTopology topology)
    {
        await using var site = await StartAsync(topology);
        var second = await site.StartInstanceAsync();

        // One code to each of 500 ranges (803 100 to 803 599): no range comes near its minimum.
        var attackNumbers = Numbers(Bots * CodesPerBot, i => $"+234803{100 + i}4321");
        var honestNumbers = Numbers(HonestUsers, i => $"+234805{100 + i}0123");

        // Honest users who come after the region's trip pass the application's check, as its page would ask them to.
        var (attack, honest) = await RunAttackAsync(site, second, attackNumbers, honestNumbers, honestPassChecks: true);
        var cleared = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            cleared.Add(await EnrolAfterChallengeAsync(site, second, $"latecomer{i}@example.com", $"+234806{100 + i}0123"));
        }

        Report("the whole region, one code per range", attack, honest);
        Assert.InRange(attack.Reached, Defaults.MinimumSends + 1, Defaults.RegionMinimumSends);
        Assert.All(attack.Refusals, limit => Assert.Equal(SignalWireSendLimit.ChallengeRequired, limit));
        Assert.Equal(attackNumbers.Count - attack.Reached, attack.Refusals.Count);
        Assert.Equal(HonestUsers, honest.Enrolled);
        Assert.All(cleared, Assert.True);
    }

    // Exact across instances: the script that finds the range stopped uses the clearance up in the same step.
    [Theory]
    [OnServerAndCluster]
    public async Task One_clearance_lets_exactly_one_code_through_when_both_instances_send_at_once(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options =>
        {
            options.PumpingGuard.MinimumSends = 3;
            options.PumpingGuard.RegionMinimumSends = 100;
        });
        var second = await site.StartInstanceAsync();
        for (var i = 0; i < 4; i++)
        {
            await site.App.CreateUserAsync($"bot{i}@example.com", phoneNumber: null, phoneConfirmed: false);
            await Record.ExceptionAsync(() => site.App.WithUserManagerAsync($"bot{i}@example.com", (users, user) =>
                users.GenerateChangePhoneNumberTokenAsync(user, $"+23480310000{i:D2}")));
        }

        await site.App.CreateUserAsync("neighbour@example.com", phoneNumber: null, phoneConfirmed: false);
        await ClearAsync(second, "neighbour@example.com");
        var numbers = Numbers(10, i => $"+23480310099{i:D2}");
        var sent = 0;
        var refusals = new ConcurrentQueue<SignalWireSendLimit>();
        await Parallel.ForAsync(0, numbers.Count, async (i, _) =>
        {
            try
            {
                await (i % 2 == 0 ? site.App : second).WithUserManagerAsync("neighbour@example.com", (users, user) =>
                    users.GenerateChangePhoneNumberTokenAsync(user, numbers[i]));
                Interlocked.Increment(ref sent);
            }
            catch (SignalWireSendLimitException refusal)
            {
                refusals.Enqueue(refusal.Limit);
            }
        });

        Assert.Equal(1, sent);
        Assert.Equal(9, refusals.Count);
        Assert.All(refusals, limit => Assert.Equal(SignalWireSendLimit.ChallengeRequired, limit));
    }

    private static MetricCollector<long> TripsOf(TestApp instance) => new(
        instance.Services.GetRequiredService<IMeterFactory>(), SignalWireTelemetry.Name, SignalWireTelemetry.PumpingGuardTripsInstrument);

    private async Task<TestSite> StartAsync(RedisTopology topology) =>
        await TestSite.StartAsync(await redis.OfAsync(topology), options =>
        {
            // The library's defaults for what the attack meets, not the test site's generous ones.
            var defaults = new SignalWireMfaOptions();
            options.Budgets.MaxConfirmationSendsPerUser = defaults.Budgets.MaxConfirmationSendsPerUser;
            options.Budgets.MaxConfirmationSendsPerNumber = defaults.Budgets.MaxConfirmationSendsPerNumber;
        });

    private static List<string> Numbers(int count, Func<int, string> number)
    {
        var numbers = Enumerable.Range(0, count).Select(number).ToList();
        Assert.All(numbers, n => Assert.True(E164PhoneNumber.IsValid(n), n));
        return numbers;
    }

    // The bots pump over both instances (8 at a time) while the honest users enrol (4 at a time), each with the code
    // the phone got, from the other instance than the one that sent it.
    private static async Task<(AttackResult Attack, HonestResult Honest)> RunAttackAsync(
        TestSite site, TestApp second, IReadOnlyList<string> attackNumbers, IReadOnlyList<string> honestNumbers, bool honestPassChecks = false)
    {
        for (var i = 0; i < Bots; i++)
        {
            await site.App.CreateUserAsync($"bot{i}@example.com", phoneNumber: null, phoneConfirmed: false);
        }

        for (var i = 0; i < honestNumbers.Count; i++)
        {
            await site.App.CreateUserAsync($"honest{i}@example.com", phoneNumber: null, phoneConfirmed: false);
        }

        var refusals = new ConcurrentQueue<SignalWireSendLimit>();
        var clock = Stopwatch.StartNew();
        var attack = Parallel.ForAsync(0, Bots, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (bot, _) =>
        {
            var instance = bot % 2 == 0 ? site.App : second;
            for (var n = 0; n < CodesPerBot; n++)
            {
                try
                {
                    await instance.WithUserManagerAsync($"bot{bot}@example.com", (users, user) =>
                        users.GenerateChangePhoneNumberTokenAsync(user, attackNumbers[bot * CodesPerBot + n]));
                }
                catch (SignalWireSendLimitException refusal)
                {
                    refusals.Enqueue(refusal.Limit);
                }
            }
        });

        var enrolled = 0;
        var checkedUsers = 0;
        var slowest = TimeSpan.Zero;
        var honest = Parallel.ForAsync(0, honestNumbers.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (confirmed, passedCheck) = await EnrolAsync(site, second, $"honest{i}@example.com", honestNumbers[i], honestPassChecks);
            if (confirmed)
            {
                Interlocked.Increment(ref enrolled);
            }

            if (passedCheck)
            {
                Interlocked.Increment(ref checkedUsers);
            }

            var took = Stopwatch.GetElapsedTime(started);
            lock (refusals)
            {
                slowest = took > slowest ? took : slowest;
            }
        });
        await attack;
        var attackTook = clock.Elapsed;
        await honest;

        var attackSet = attackNumbers.ToHashSet(StringComparer.Ordinal);
        var reached = site.Emulator.Outbox.Count(message => attackSet.Contains(message.To));
        return (new AttackResult(reached, [.. refusals], attackTook), new HonestResult(enrolled, checkedUsers, slowest));
    }

    // Asks for a confirmation code on one instance, types it on the other. On ChallengeRequired, when the user passes
    // checks, does what a page does: the application's human check passes, it clears the user (on the other instance
    // than the one that refused), and asks again. Returns whether the number was confirmed, and whether after a check.
    private static async Task<(bool Confirmed, bool PassedCheck)> EnrolAsync(TestSite site, TestApp second, string email, string number, bool passChecks)
    {
        var passedCheck = false;
        try
        {
            await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, number));
        }
        catch (SignalWireSendLimitException refusal) when (passChecks && refusal.Limit == SignalWireSendLimit.ChallengeRequired)
        {
            await ClearAsync(second, email);
            passedCheck = true;
            await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, number));
        }

        var code = await site.NextCodeAsync(number);
        var result = await second.WithUserManagerAsync(email, (users, user) => users.ChangePhoneNumberAsync(user, number, code));
        return (result.Succeeded, passedCheck);
    }

    // A user who comes after the trip: refused with ChallengeRequired first, then cleared, then enrolled.
    private static async Task<bool> EnrolAfterChallengeAsync(TestSite site, TestApp second, string email, string number)
    {
        await site.App.CreateUserAsync(email, phoneNumber: null, phoneConfirmed: false);
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() =>
            site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, number)));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, refusal.Limit);
        await ClearAsync(second, email);
        var (confirmed, _) = await EnrolAsync(site, second, email, number, passChecks: false);
        return confirmed;
    }

    private static Task<bool> ClearAsync(TestApp instance, string email) => instance.WithUserManagerAsync(email, async (_, user) =>
    {
        await using var scope = instance.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SignalWireChallenges<IdentityUser>>().ClearAsync(user);
        return true;
    });

    private void Report(string target, AttackResult attack, HonestResult honest) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"Attack on {target}: {Bots * CodesPerBot} confirmation codes asked for by {Bots} accounts over two instances in {attack.Took.TotalSeconds:F1} s; {attack.Reached} reached SignalWire; refused: {string.Join(", ", attack.Refusals.GroupBy(limit => limit).Select(group => $"{group.Key} {group.Count()}"))}. Honest users of the region: {honest.Enrolled} of {HonestUsers} enrolled ({honest.PassedCheck} after a human check), the slowest in {honest.Slowest.TotalMilliseconds:F0} ms."));

    private sealed record AttackResult(int Reached, IReadOnlyList<SignalWireSendLimit> Refusals, TimeSpan Took);

    private sealed record HonestResult(int Enrolled, int PassedCheck, TimeSpan Slowest);
}
