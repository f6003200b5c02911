using System.Net;
using System.Net.Http.Json;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The whole login over HTTP: password, a code by SMS or call read from the emulator's phone, a cookie.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SignInRoundTripTests(RedisFixture redis)
{
    [Theory]
    [InlineData(SignalWireDefaults.SmsProviderName, MfaChannel.Sms)]
    [InlineData(SignalWireDefaults.CallProviderName, MfaChannel.Call)]
    public async Task Password_then_code_from_the_phone_signs_the_user_in(string provider, MfaChannel channel)
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var (email, number) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();

        var providers = await site.App.WithUserManagerAsync(email, (users, user) => users.GetValidTwoFactorProvidersAsync(user));
        await browser.LoginExpectingCodeAsync(email);
        using (var before = await browser.MeAsync())
        {
            await Expect.StatusAsync(HttpStatusCode.Unauthorized, before);
        }

        await browser.SendCodeExpectingSuccessAsync(provider);
        var message = await site.Emulator.Outbox.NextMessageAsync(number, TimeSpan.FromSeconds(30));
        using var verified = await browser.VerifyAsync(provider, message.Code);
        using var me = await browser.MeAsync();

        Assert.Contains(SignalWireDefaults.SmsProviderName, providers);
        Assert.Contains(SignalWireDefaults.CallProviderName, providers);
        Assert.Equal(channel, message.Channel);
        Assert.Matches("^[0-9]{6}$", message.Code);
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Equal(email, (await me.Content.ReadFromJsonAsync<Me>())?.Name);
        Assert.Equal(1, site.App.SignalWire.Sends);
        Assert.Equal(1, site.App.SignalWire.Verifies);
        Assert.Empty(await redis.Server.KeysAsync(site.PendingCodeKeys));
    }

    [Fact]
    public async Task A_wrong_code_counts_toward_lockout_and_the_right_one_still_signs_in()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        using var wrong = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, Codes.WrongFor(code));
        var failedAfterWrong = (await site.App.FindUserAsync(email)).AccessFailedCount;
        using var right = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, code);
        using var me = await browser.MeAsync();

        await Expect.StatusAsync(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(1, failedAfterWrong);
        await Expect.StatusAsync(HttpStatusCode.OK, right);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);
        Assert.Empty(site.App.Errors);
    }

    [Fact]
    public async Task Wrong_codes_up_to_the_lockout_limit_lock_the_user_out()
    {
        // MaxAttempts is raised so that SignalWire keeps accepting tries and Identity's lockout (5) is what stops them.
        await using var site = await TestSite.StartAsync(redis.Server, options => options.MaxAttempts = 10);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        for (var attempt = 1; attempt < 5; attempt++)
        {
            using var wrong = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, Codes.WrongFor(code));
            await Expect.StatusAsync(HttpStatusCode.Unauthorized, wrong);
        }

        using var last = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, Codes.WrongFor(code));
        using var rightButLocked = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, code);
        var user = await site.App.FindUserAsync(email);

        Assert.True((await last.Content.ReadFromJsonAsync<VerifyOutcome>())?.LockedOut);
        Assert.True((await rightButLocked.Content.ReadFromJsonAsync<VerifyOutcome>())?.LockedOut);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow);
        // The locked-out try never reached SignalWire: Identity checks lockout first.
        Assert.Equal(5, site.App.SignalWire.Verifies);
    }
}
