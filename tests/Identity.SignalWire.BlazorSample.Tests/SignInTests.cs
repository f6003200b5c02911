using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>The template's login, changed for SMS and voice codes, in a real browser; codes read from the emulator.</summary>
public sealed class SignInTests(BlazorSite site) : IClassFixture<BlazorSite>
{
    [Fact]
    public async Task SmsCodeSignsInAfterThePhoneIsConfirmedAndTwoFactorTurnedOn()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync(screenshot: "blazor-confirm-phone");
        await user.EnableTwoFactorAsync(screenshot: "blazor-recovery-codes");
        Assert.Equal(10, user.RecoveryCodes.Distinct().Count());
        await user.LogOutAsync();

        await user.LogInAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await Expect(user.Page.GetByLabel("Text message (SMS)")).ToBeVisibleAsync();
        await Expect(user.Page.GetByLabel("Voice call")).ToBeVisibleAsync();
        await user.ScreenshotAsync("blazor-two-factor-choose");

        // Showing the choice sends nothing: a code goes out only on the explicit POST.
        var sentBefore = user.Phone.MessagesSent();
        await user.Page.ReloadAsync();
        Assert.Equal(sentBefore, user.Phone.MessagesSent());

        await user.SendCodeAsync();
        var message = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToHaveTextAsync("We sent a code by text message to the number ending in " + user.Phone.Number[^2..] + ".");
        await Expect(user.Page.Locator("#code-state")).ToHaveTextAsync("It works for another 2 min, and 3 tries are left.");
        var codeBox = user.Page.GetByLabel("Code", new() { Exact = true });
        await Expect(codeBox).ToHaveAttributeAsync("autocomplete", "one-time-code");
        await Expect(codeBox).ToHaveAttributeAsync("inputmode", "numeric");
        await user.ScreenshotAsync("blazor-two-factor-code");

        await user.EnterCodeAsync(message.Code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task RememberThisBrowserSkipsTheCodeNextTimeOnThisBrowserOnly()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync(), rememberBrowser: true);
        await user.ExpectSignedInAsync();
        await user.LogOutAsync();

        // The same browser: straight in, and nothing sent.
        var sent = user.Phone.MessagesSent();
        await user.LogInAsync();
        await user.ExpectSignedInAsync();
        Assert.Equal(sent, user.Phone.MessagesSent());

        // Another browser still gets the second step.
        var other = new BlazorUser(site, await site.NewPageAsync());
        await other.Page.GotoAsync("/Account/Login");
        await other.Page.GetByLabel("Email").FillAsync(user.Email);
        await other.Page.GetByLabel("Password").FillAsync(user.Password);
        await other.Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(other.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
    }

    [Fact]
    public async Task VoiceCallCodeSignsIn()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();

        await user.LogInAsync();
        await user.SendCodeAsync(byCall: true);
        var message = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Call, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("We are calling the number ending in");

        await user.EnterCodeAsync(message.Code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task WrongCodeIsRefusedWithTriesLeftAndTheRightCodeStillWorks()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var code = await user.Phone.NextCodeAsync();

        await user.EnterCodeAsync(TestPhone.WrongCodeFor(code));
        await user.ExpectMessageAsync("Wrong code. Check it and try again (2 tries left for this code).");
        await Expect(user.Page.Locator("#code-state")).ToContainTextAsync("2 tries are left");
        await user.ScreenshotAsync("blazor-two-factor-wrong-code");
        Assert.Equal(1, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        // Not a code at all: refused by the server even when the browser does not check the pattern, with no try
        // spent and nothing counted toward lockout.
        await user.Page.EvaluateAsync("document.querySelectorAll('form').forEach(f => f.noValidate = true)");
        await user.EnterCodeAsync("12");
        await user.ExpectMessageAsync("Enter the code: 6 digits.");
        Assert.Equal(1, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        await user.EnterCodeAsync(code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task ExpiredCodeIsNotCheckedAndANewOneWorks()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var oldCode = await user.Phone.NextCodeAsync();

        site.Clock.Advance(BrowserTestSite.CodeLifetime + TimeSpan.FromSeconds(1));
        await user.EnterCodeAsync(oldCode);
        await user.ExpectMessageAsync("This code has expired: send a new one.");
        Assert.Equal(0, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task UsedUpCodesAskForANewOneAndRepeatedWrongCodesLockTheAccount()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var wrong = TestPhone.WrongCodeFor(await user.Phone.NextCodeAsync());

        // Three tries use a code up (SignalWire's max_attempts): then the page offers a new code instead of the box.
        await user.EnterCodeAsync(wrong);
        await user.ExpectMessageAsync("Wrong code. Check it and try again (2 tries left for this code).");
        await user.EnterCodeAsync(wrong);
        await user.ExpectMessageAsync("Wrong code. Check it and try again (1 try left for this code).");
        await user.EnterCodeAsync(wrong);
        await user.ExpectMessageAsync("Wrong code, and this code cannot be tried again: send a new one.");
        await Expect(user.Page.GetByLabel("Code", new() { Exact = true })).ToHaveCountAsync(0);

        // Identity locks the account at the fifth failure.
        await user.SendCodeAsync();
        wrong = TestPhone.WrongCodeFor(await user.Phone.NextCodeAsync());
        await user.EnterCodeAsync(wrong);
        await user.ExpectMessageAsync("Wrong code. Check it and try again (2 tries left for this code).");
        await user.EnterCodeAsync(wrong);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Lockout$"));
        Assert.NotNull((await site.LockoutStateAsync(user.Email)).LockoutEnd);

        // The right password does not get past the lock either.
        await user.LogInAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Lockout$"));
    }

    [Fact]
    public async Task SignalWireDownShowsTryAgainKeepsTheStepAndDoesNotLockTheAccount()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();

        // Sending fails: nothing is sent, the page says to try again and still offers the choice.
        var sent = user.Phone.MessagesSent();
        site.Emulator.Faults.FailNext(503);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await user.ExpectMessageAsync("Codes cannot be sent or checked right now. Try again in a moment.");
        Assert.Equal(sent, user.Phone.MessagesSent());
        await Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" })).ToBeVisibleAsync();

        await user.SendCodeAsync();
        var code = await user.Phone.NextCodeAsync();

        // Checking fails, more times than the lockout threshold: nothing is counted and the code box stays.
        for (var i = 0; i < 6; i++)
        {
            site.Emulator.Faults.FailNext(500);
            await user.EnterCodeAsync(code);
            await user.ExpectMessageAsync("Codes cannot be sent or checked right now. Try again in a moment.");
        }

        await Expect(user.Page.Locator("#code-state")).ToContainTextAsync("3 tries are left");
        await user.ScreenshotAsync("blazor-two-factor-unavailable");
        var state = await site.LockoutStateAsync(user.Email);
        Assert.Equal(0, state.AccessFailedCount);
        Assert.Null(state.LockoutEnd);

        // SignalWire is back: the same code still works.
        await user.EnterCodeAsync(code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task RecoveryCodeSignsInWithoutThePhoneOnceOnly()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        var recoveryCode = user.RecoveryCodes[0];
        var sent = user.Phone.MessagesSent();

        await user.LogInAsync();
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "log in with a recovery code" }).ClickAsync();
        await user.Page.GetByLabel("Recovery Code").FillAsync(recoveryCode);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await user.ExpectSignedInAsync();
        Assert.Equal(sent, user.Phone.MessagesSent());

        // Each recovery code works once.
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "log in with a recovery code" }).ClickAsync();
        await user.Page.GetByLabel("Recovery Code").FillAsync(recoveryCode);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid recovery code entered.");
    }
}
