using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Step-up: a signed-in session alone cannot move the second factor. Changing the phone number and turning two-factor
/// sign-in off need a fresh code sent to the current confirmed phone, or a recovery code.
/// </summary>
public sealed class StepUpTests(SampleSite site) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task ChangingThePhoneNumberNeedsACodeSentToTheCurrentPhone()
    {
        var user = await SignedInWithTwoFactorAsync();
        var newPhone = new TestPhone(site.Emulator);

        await user.Page.GotoAsync("/manage/phone");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        var message = await user.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("ending in " + user.PhoneNumber[^2..]);
        await user.ScreenshotAsync("step-up");

        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(TestPhone.WrongCodeFor(message.Code));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong code. Check it and try again (2 tries left for this code).");
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/phone$"));
        var sentToOldPhone = user.MessagesSent();
        await user.Page.GetByLabel("Phone number").FillAsync(newPhone.Number);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await newPhone.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page.Locator("#phone-status")).ToContainTextAsync(newPhone.Number + " (confirmed)");
        Assert.Equal(sentToOldPhone, user.MessagesSent());

        // The step-up was used by the change: the next change asks again.
        await user.Page.GotoAsync("/manage/phone");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
    }

    [Fact]
    public async Task TurningTwoFactorOffNeedsAFreshCodeWhichGoesStaleAfterFiveMinutes()
    {
        var user = await SignedInWithTwoFactorAsync();

        await TurnOffAsync(user);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Call me with a code" }).ClickAsync();
        var message = await user.NextMessageAsync();
        Assert.Equal(MfaChannel.Call, message.Channel);
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage$"));

        // Five minutes later the proof is stale: the button asks again.
        site.Clock.Advance(Samples.StepUp.FreshFor);
        await TurnOffAsync(user);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));

        // A lost phone: a recovery code does instead.
        await user.Page.GetByLabel("Recovery code").FillAsync(user.RecoveryCodes[0]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage$"));
        await TurnOffAsync(user);
        await Expect(user.Page.Locator("#two-factor-status")).ToContainTextAsync("Off.");
    }

    private static async Task TurnOffAsync(SiteUser user)
    {
        await user.Page.GotoAsync("/manage");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Turn off two-factor sign-in" }).ClickAsync();
    }

    // Registered, phone confirmed, two-factor sign-in on, and still signed in.
    private async Task<SiteUser> SignedInWithTwoFactorAsync()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync();
        await user.EnableTwoFactorAsync();
        return user;
    }
}
