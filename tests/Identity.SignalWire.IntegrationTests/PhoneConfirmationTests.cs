using System.Net;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>Confirming a new number through Identity's change-phone-number tokens, which the library routes to SMS.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PhoneConfirmationTests(RedisFixture redis)
{
    [Fact]
    public async Task The_code_goes_to_the_new_number_and_confirming_it_stores_the_number_confirmed()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var oldNumber = site.NewPhoneNumber();
        var newNumber = site.NewPhoneNumber();
        const string email = "mover@example.com";
        await site.App.CreateUserAsync(email, oldNumber);
        var stampBefore = (await site.App.FindUserAsync(email)).SecurityStamp;

        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, newNumber));
        var message = await site.Emulator.Outbox.NextMessageAsync(newNumber, TimeSpan.FromSeconds(30));
        var result = await site.App.WithUserManagerAsync(email, (users, user) => users.ChangePhoneNumberAsync(user, newNumber, message.Code));
        var user = await site.App.FindUserAsync(email);

        Assert.Equal(MfaChannel.Sms, message.Channel);
        Assert.DoesNotContain(site.Emulator.Outbox, sent => sent.To == oldNumber);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
        Assert.Equal(newNumber, user.PhoneNumber);
        Assert.True(user.PhoneNumberConfirmed);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
    }

    [Fact]
    public async Task A_user_whose_number_was_just_confirmed_signs_in_with_a_code_sent_to_it()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var newNumber = site.NewPhoneNumber();
        const string email = "newphone@example.com";
        await site.App.CreateUserAsync(email, phoneNumber: null);

        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, newNumber));
        var confirmation = await site.NextCodeAsync(newNumber);
        var changed = await site.App.WithUserManagerAsync(email, (users, user) => users.ChangePhoneNumberAsync(user, newNumber, confirmation));
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);
        await browser.SendCodeExpectingSuccessAsync(SignalWireDefaults.SmsProviderName);
        using var verified = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, await site.NextCodeAsync(newNumber));
        using var me = await browser.MeAsync();

        Assert.True(changed.Succeeded);
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
    }

    [Fact]
    public async Task A_wrong_confirmation_code_leaves_the_stored_number_unchanged()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var oldNumber = site.NewPhoneNumber();
        var newNumber = site.NewPhoneNumber();
        const string email = "stays@example.com";
        await site.App.CreateUserAsync(email, oldNumber);

        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, newNumber));
        var code = await site.NextCodeAsync(newNumber);
        var result = await site.App.WithUserManagerAsync(email, (users, user) => users.ChangePhoneNumberAsync(user, newNumber, Codes.WrongFor(code)));
        var user = await site.App.FindUserAsync(email);

        Assert.False(result.Succeeded);
        Assert.Equal(oldNumber, user.PhoneNumber);
        Assert.True(user.PhoneNumberConfirmed);
    }
}
