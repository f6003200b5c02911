using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>The site-wide pumping guard, met through UserManager: confirmation codes nobody types back stop a region.</summary>
public sealed class PumpingGuardTests
{
    [Fact]
    public async Task Unverified_confirmations_stop_the_region_but_not_other_regions_nor_confirmed_sign_ins()
    {
        await using var host = await IdentityTestHost.StartAsync(Guard);
        using var trips = new MetricCollector<long>(
            host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SignalWireTelemetry.Name, SignalWireTelemetry.PumpingGuardTripsInstrument);
        var londoner = await host.CreateUserAsync("londoner@example.com", "+447400999999");

        var refusals = new List<SignalWireSendLimitException>();
        for (var i = 0; i < 8; i++)
        {
            var bot = await host.CreateUserAsync($"bot{i}@example.com", phoneNumber: null, phoneConfirmed: false);
            try
            {
                await host.Users.GenerateChangePhoneNumberTokenAsync(bot, $"+44740012345{i}");
            }
            catch (SignalWireSendLimitException refusal)
            {
                refusals.Add(refusal);
            }
        }

        Assert.Equal(5, host.SignalWire.SendCount);
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, refusal =>
        {
            Assert.Equal(SignalWireSendLimit.PumpingGuard, refusal.Limit);
            Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
            Assert.Contains("region GB", refusal.Message, StringComparison.Ordinal);
        });

        // Another region, and a GB user signing in to the number they confirmed long ago, still get codes.
        await host.Users.GenerateChangePhoneNumberTokenAsync(await host.CreateUserAsync("newyorker@example.com", phoneNumber: null, phoneConfirmed: false), "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(londoner, SignalWireDefaults.SmsProviderName);
        Assert.Equal(7, host.SignalWire.SendCount);

        var tripped = Assert.Single(trips.GetMeasurementSnapshot());
        Assert.Equal("GB", tripped.Tags["region"]);
        var warning = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardTripped");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("region GB", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmations_that_users_type_back_keep_the_region_open()
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
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Id.Name == "PumpingGuardTripped");
    }

    [Fact]
    public async Task The_guard_can_be_turned_off()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            Guard(options);
            options.PumpingGuard.Enabled = false;
        });

        for (var i = 0; i < 8; i++)
        {
            var bot = await host.CreateUserAsync($"bot{i}@example.com", phoneNumber: null, phoneConfirmed: false);
            await host.Users.GenerateChangePhoneNumberTokenAsync(bot, $"+44740012345{i}");
        }

        Assert.Equal(8, host.SignalWire.SendCount);
    }

    private static void Guard(SignalWireMfaOptions options)
    {
        options.PumpingGuard.MinimumSends = 5;
        options.PumpingGuard.MinimumVerifiedRatio = 0.5;
    }
}
