using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>The whole login flow in a real browser, codes read from the emulator's outbox.</summary>
public sealed class SignInFlowTests(SampleSite site) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task SmsCodeSignsInAfterPhoneIsConfirmedAndTwoFactorTurnedOn()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync(screenshotPrefix: string.Empty);
        await user.EnableTwoFactorAsync();
        await user.ScreenshotAsync("manage");
        await user.LogOutAsync();

        await user.LogInAsync(screenshot: "login");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/twofactor$"));
        await Expect(user.Page.GetByLabel("Text message (SMS)")).ToBeVisibleAsync();
        await Expect(user.Page.GetByLabel("Voice call")).ToBeVisibleAsync();
        await user.ScreenshotAsync("two-factor-choose");

        // Showing the choice sends nothing: a code goes out only on the explicit POST.
        var sentBefore = user.MessagesSent();
        await user.Page.ReloadAsync();
        Assert.Equal(sentBefore, user.MessagesSent());

        await user.SendCodeAsync();
        var message = await user.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("text message");
        await Expect(user.Page.GetByLabel("Code", new() { Exact = true })).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(user.Page.GetByLabel("Code", new() { Exact = true })).ToHaveAttributeAsync("inputmode", "numeric");
        await user.ScreenshotAsync("two-factor-code");

        await user.Page.GotoAsync("/dev/phone");
        await Expect(user.Page.Locator("#outbox")).ToContainTextAsync(message.Code);
        await user.ScreenshotAsync("dev-phone");
        await user.Page.GoBackAsync();

        await user.EnterCodeAsync(message.Code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task VoiceCallCodeSignsIn()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();

        await user.LogInAsync();
        await user.SendCodeAsync(byCall: true);
        var message = await user.NextMessageAsync();
        Assert.Equal(MfaChannel.Call, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("calling");

        await user.EnterCodeAsync(message.Code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task WrongCodeIsRefusedWithTriesLeftAndTheRightCodeStillWorks()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var code = await user.NextCodeAsync();

        await user.EnterCodeAsync(TestPhone.WrongCodeFor(code));
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong code. Check it and try again (2 tries left for this code).");
        // The page shows the library's state of the code: its tries left and the time it still works.
        await Expect(user.Page.Locator("#code-state")).ToContainTextAsync(new Regex(@"This code works for \d+ min more and can be tried 2 more times\."));
        await user.ScreenshotAsync("two-factor-wrong-code");

        // Not a code at all: refused by the server even when the browser does not check the pattern (no try spent,
        // nothing counted toward lockout).
        await user.Page.EvaluateAsync("document.querySelectorAll('form').forEach(f => f.noValidate = true)");
        await user.EnterCodeAsync("12");
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the 6-digit code.");
        Assert.Equal(1, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        await user.EnterCodeAsync(code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task ExpiredCodeAsksForANewOneAndTheNewOneWorks()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var oldCode = await user.NextCodeAsync();

        site.Clock.Advance(SampleSite.CodeLifetime + TimeSpan.FromSeconds(1));
        await user.EnterCodeAsync(oldCode);
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This code has expired: send a new one.");

        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/twofactorcode$"));
        var newCode = await user.NextCodeAsync();
        await user.EnterCodeAsync(newCode);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task RepeatedWrongCodesLockTheAccount()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var wrong = TestPhone.WrongCodeFor(await user.NextCodeAsync());

        // Three tries use the code up (SignalWire's max_attempts); Identity locks the account at the fifth failure.
        string[] expected =
        [
            "Wrong code. Check it and try again (2 tries left for this code).",
            "Wrong code. Check it and try again (1 try left for this code).",
            "Wrong code, and this code cannot be tried again: send a new one.",
            "This code is used up (it was tried too many times): send a new one.",
        ];
        foreach (var message in expected)
        {
            await user.EnterCodeAsync(wrong);
            await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        }

        await user.EnterCodeAsync(wrong);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/lockout$"));
        await Expect(user.Page.Locator("#locked")).ToContainTextAsync("This account is locked");
        await user.ScreenshotAsync("lockout");
        Assert.NotNull((await site.LockoutStateAsync(user.Email)).LockoutEnd);

        // The right password does not get past the lock either.
        await user.LogInAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/lockout$"));
    }

    [Fact]
    public async Task SignalWireFailingShowsTryAgainAndDoesNotLockTheAccount()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();

        // Sending fails: nothing is sent, the page says to try again.
        var sent = user.MessagesSent();
        site.Emulator.Faults.FailNext(503);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Codes cannot be sent or checked right now. Try again in a moment.");
        Assert.Equal(sent, user.MessagesSent());

        await user.SendCodeAsync();
        var code = await user.NextCodeAsync();

        // Checking fails, repeatedly: more times than the lockout threshold, and nothing is counted.
        for (var i = 0; i < 6; i++)
        {
            site.Emulator.Faults.FailNext(500);
            await user.EnterCodeAsync(code);
            await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Codes cannot be sent or checked right now. Try again in a moment.");
        }

        await user.ScreenshotAsync("two-factor-unavailable");
        var state = await site.LockoutStateAsync(user.Email);
        Assert.Equal(0, state.AccessFailedCount);
        Assert.Null(state.LockoutEnd);

        // SignalWire is back: the same code still works.
        await user.EnterCodeAsync(code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task RememberThisBrowserSkipsTheSecondStepNextTime()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.NextCodeAsync(), rememberBrowser: true);
        await user.ExpectSignedInAsync();
        await user.LogOutAsync();

        var sent = user.MessagesSent();
        await user.LogInAsync();
        await user.ExpectSignedInAsync();
        Assert.Equal(sent, user.MessagesSent());

        // Another browser is not remembered.
        var other = new SiteUser(site, await site.NewPageAsync());
        await other.Page.GotoAsync("/account/login");
        await other.Page.GetByLabel("E-mail").FillAsync(user.Email);
        await other.Page.GetByLabel("Password").FillAsync(user.Password);
        await other.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(other.Page).ToHaveURLAsync(new Regex("/account/twofactor$"));
    }
}
