using System.Diagnostics.Metrics;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>
/// The site-wide pumping guard, met through UserManager: confirmation codes nobody types back stop their number range,
/// then, spread over many ranges, their region; a stopped tier asks for a human check, and a cleared user gets a code.
/// </summary>
public sealed class PumpingGuardTests
{
    // Range 740012 of GB (+44 7400 12xxxx), and another range of GB.
    private const string AttackedRange = "+44740012";
    private const string OtherRangeNumber = "+447400999999";

    [Fact]
    public async Task Unverified_confirmations_stop_their_range_but_not_the_rest_of_the_region_nor_confirmed_sign_ins()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);
        using var trips = TripsOf(host);
        var londoner = await host.CreateUserAsync("londoner@example.com", AttackedRange + "3499");

        var refusals = await PumpAsync(host, Enumerable.Range(0, 8).Select(i => AttackedRange + "345" + i));

        Assert.Equal(5, host.SignalWire.SendCount);
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, refusal =>
        {
            Assert.Equal(SignalWireSendLimit.ChallengeRequired, refusal.Limit);
            Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
            Assert.Contains("range 740012 of region GB need a human check", refusal.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("3450", refusal.Message, StringComparison.Ordinal);
        });

        // Another range of the same region, another region, and a user of the stopped range signing in to the number
        // they confirmed long ago, all still get codes.
        await host.Users.GenerateChangePhoneNumberTokenAsync(await host.CreateUserAsync("mancunian@example.com", phoneNumber: null, phoneConfirmed: false), OtherRangeNumber);
        await host.Users.GenerateChangePhoneNumberTokenAsync(await host.CreateUserAsync("newyorker@example.com", phoneNumber: null, phoneConfirmed: false), "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(londoner, SignalWireDefaults.SmsProviderName);
        Assert.Equal(8, host.SignalWire.SendCount);

        var tripped = Assert.Single(trips.GetMeasurementSnapshot());
        Assert.Equal("range", tripped.Tags["tier"]);
        Assert.Equal("GB", tripped.Tags["region"]);
        Assert.Equal("740012", tripped.Tags["range"]);
        var warning = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardRangeTripped");
        Assert.Equal(203, warning.Id.Id);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("range 740012 of region GB", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardTripped");
    }

    [Fact]
    public async Task An_attack_spread_over_many_ranges_stops_the_region_at_its_own_higher_minimum()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);
        using var trips = TripsOf(host);

        // Two numbers in each of ten ranges (+44 7400 10xxxx to 19xxxx): no range reaches its minimum of 5.
        var refusals = await PumpAsync(host, Enumerable.Range(0, 20).Select(i => $"+4474001{i % 10}{1000 + i}"));

        Assert.Equal(12, host.SignalWire.SendCount);
        Assert.Equal(8, refusals.Count);
        Assert.All(refusals, refusal => Assert.Contains("region GB need a human check", refusal.Message, StringComparison.Ordinal));
        var tripped = Assert.Single(trips.GetMeasurementSnapshot());
        Assert.Equal("region", tripped.Tags["tier"]);
        Assert.Equal("GB", tripped.Tags["region"]);
        Assert.False(tripped.Tags.ContainsKey("range"));
        Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardTripped" && log.Message.Contains("region GB", StringComparison.Ordinal));

        // The region is stopped for new numbers in any of its ranges, not for other regions.
        var mancunian = await host.CreateUserAsync("mancunian@example.com", phoneNumber: null, phoneConfirmed: false);
        await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(mancunian, OtherRangeNumber));
        await host.Users.GenerateChangePhoneNumberTokenAsync(await host.CreateUserAsync("newyorker@example.com", phoneNumber: null, phoneConfirmed: false), "+12015550123");
        Assert.Equal(13, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_cleared_user_gets_one_confirmation_code_through_a_stopped_range()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);
        await PumpAsync(host, Enumerable.Range(0, 6).Select(i => AttackedRange + "345" + i));
        var neighbour = await host.CreateUserAsync("neighbour@example.com", phoneNumber: null, phoneConfirmed: false);
        var other = await host.CreateUserAsync("other@example.com", phoneNumber: null, phoneConfirmed: false);
        var challenges = host.Services.CreateScope().ServiceProvider.GetRequiredService<SignalWireChallenges<IdentityUser>>();
        var sent = host.SignalWire.SendCount;

        var before = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(neighbour, AttackedRange + "9999"));
        await challenges.ClearAsync(neighbour);
        await host.Users.GenerateChangePhoneNumberTokenAsync(neighbour, AttackedRange + "9999");

        Assert.Equal(SignalWireSendLimit.ChallengeRequired, before.Limit);
        Assert.Equal(sent + 1, host.SignalWire.SendCount);
        Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardClearancePassed");

        // One code per check: the clearance is used up, and it was never another user's.
        var again = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(neighbour, AttackedRange + "9998"));
        var stranger = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(other, AttackedRange + "9997"));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, again.Limit);
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, stranger.Limit);
        Assert.Equal(sent + 1, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_clearance_waits_for_its_lifetime_and_then_lapses()
    {
        // Ahead of the real clock, so that the memory cache (which expires on the real clock) keeps what the store
        // writes and the store alone decides, on this clock, when the clearance has lapsed.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        await using var host = await IdentityTestHost.StartAsync(Guard, time);
        await PumpAsync(host, Enumerable.Range(0, 6).Select(i => AttackedRange + "345" + i));
        var neighbour = await host.CreateUserAsync("neighbour@example.com", phoneNumber: null, phoneConfirmed: false);
        var challenges = host.Services.CreateScope().ServiceProvider.GetRequiredService<SignalWireChallenges<IdentityUser>>();

        await challenges.ClearAsync(neighbour);
        time.Advance(new SignalWireMfaOptions().PumpingGuard.ClearanceLifetime);

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(neighbour, AttackedRange + "9999"));
        Assert.Equal(SignalWireSendLimit.ChallengeRequired, refusal.Limit);
    }

    [Fact]
    public async Task Clearing_refuses_a_null_user_and_honours_cancellation()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);
        var challenges = host.Services.CreateScope().ServiceProvider.GetRequiredService<SignalWireChallenges<IdentityUser>>();
        var user = await host.CreateUserAsync();

        await Assert.ThrowsAsync<ArgumentNullException>("user", () => challenges.ClearAsync(null!));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => challenges.ClearAsync(user, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Confirmations_that_users_type_back_keep_the_range_open()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);

        for (var i = 0; i < 12; i++)
        {
            var user = await host.CreateUserAsync($"user{i}@example.com", phoneNumber: null, phoneConfirmed: false);
            var number = $"+4474001234{i:D2}";
            await host.Users.GenerateChangePhoneNumberTokenAsync(user, number);
            Assert.True((await host.Users.ChangePhoneNumberAsync(user, number, "123456")).Succeeded);
        }

        Assert.Equal(12, host.SignalWire.SendCount);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Id.Name is "PumpingGuardTripped" or "PumpingGuardRangeTripped");
    }

    [Fact]
    public async Task The_guard_can_be_turned_off()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            Guard(options);
            options.PumpingGuard.Enabled = false;
        });

        await PumpAsync(host, Enumerable.Range(0, 8).Select(i => AttackedRange + "345" + i));

        Assert.Equal(8, host.SignalWire.SendCount);
    }

    // One throw-away account per number, each asking for a confirmation code; returns the refusals.
    private static async Task<List<SignalWireSendLimitException>> PumpAsync(IdentityTestHost host, IEnumerable<string> numbers)
    {
        var refusals = new List<SignalWireSendLimitException>();
        var i = 0;
        foreach (var number in numbers)
        {
            Assert.True(E164PhoneNumber.IsValid(number), number);
            var bot = await host.CreateUserAsync($"bot{i++}@example.com", phoneNumber: null, phoneConfirmed: false);
            try
            {
                await host.Users.GenerateChangePhoneNumberTokenAsync(bot, number);
            }
            catch (SignalWireSendLimitException refusal)
            {
                refusals.Add(refusal);
            }
        }

        return refusals;
    }

    private static MetricCollector<long> TripsOf(IdentityTestHost host) => new(
        host.Services.GetRequiredService<IMeterFactory>(), SignalWireTelemetry.Name, SignalWireTelemetry.PumpingGuardTripsInstrument);

    private static void Guard(SignalWireMfaOptions options)
    {
        options.PumpingGuard.MinimumSends = 5;
        options.PumpingGuard.RegionMinimumSends = 12;
        options.PumpingGuard.MinimumVerifiedRatio = 0.5;
    }
}
