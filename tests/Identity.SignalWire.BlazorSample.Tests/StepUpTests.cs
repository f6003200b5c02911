using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// Step-up: a signed-in session alone cannot move the second factor. Every change to a factor (phone number, two-factor
/// off, recovery codes, authenticator app, passkeys, password, external logins) needs a fresh code sent to the current
/// confirmed phone, or a recovery code made before this session.
/// </summary>
public sealed class StepUpTests(BlazorSite site) : IClassFixture<BlazorSite>
{
    [Fact]
    public async Task ChangingThePhoneNumberNeedsACodeSentToTheCurrentPhone()
    {
        var user = await SignedInWithTwoFactorAsync();
        var newPhone = new TestPhone(site.Emulator);

        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        var message = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, message.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("ending in " + user.Phone.Number[^2..]);
        await user.ScreenshotAsync("blazor-step-up");

        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(TestPhone.WrongCodeFor(message.Code));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await user.ExpectMessageAsync("Wrong code. Check it and try again (2 tries left for this code).");
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/PhoneNumber$"));
        var sentToOldPhone = user.Phone.MessagesSent();
        await user.ConfirmNumberAsync(newPhone);
        Assert.Equal(sentToOldPhone, user.Phone.MessagesSent());

        // The step-up was used by the change: the next change asks again.
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));

        // Sign-in codes now go to the new phone.
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("ending in " + newPhone.Number[^2..]);
        await user.EnterCodeAsync(await newPhone.NextCodeAsync());
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task TurningTwoFactorOffNeedsACodeByCallToTheCurrentPhone()
    {
        var user = await SignedInWithTwoFactorAsync();

        await user.Page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "Disable 2FA" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Call me with a code" }).ClickAsync();
        var message = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Call, message.Channel);
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/Disable2fa$"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Disable 2FA" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2fa has been disabled.");
        await Expect(user.Page.Locator("#phone-2fa-status")).ToContainTextAsync("Two-factor sign-in is off.");
    }

    [Fact]
    public async Task ALostPhoneIsReplacedWithARecoveryCodeFromBeforeThisSession()
    {
        var user = await SignedInWithTwoFactorAsync();
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        // The codes this session was shown cannot confirm it: the form is not offered.
        await Expect(user.Page.GetByLabel("Recovery code")).ToHaveCountAsync(0);

        // Signed in again (a new session, with the phone at hand this time), the codes from before work.
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
        var sent = user.Phone.MessagesSent();

        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await user.Page.GetByLabel("Recovery code").FillAsync("not-a-code");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await user.ExpectMessageAsync("That recovery code is not valid (each one works once).");

        await user.Page.GetByLabel("Recovery code").FillAsync(user.RecoveryCodes[0]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/PhoneNumber$"));
        await user.ConfirmNumberAsync(new TestPhone(site.Emulator));
        Assert.Equal(sent, user.Phone.MessagesSent());
    }

    [Fact]
    public async Task ThePhoneIsRemovedAfterStepUpOnlyWhenTwoFactorSignInDoesNotDependOnIt()
    {
        var user = await SignedInWithTwoFactorAsync();
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.Phone.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/PhoneNumber$"));

        // Two-factor sign-in has no other way in than this phone: the number stays.
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Remove this phone number" }).ClickAsync();
        await user.ExpectMessageAsync("Two-factor sign-in uses this phone: turn it off first, or set up an authenticator app.");

        // Off first (the same proof still holds). That renews the security stamp, which ends the proof: the number
        // goes only after one more code to it.
        await user.Page.GotoAsync("/Account/Manage/Disable2fa");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Disable 2FA" }).ClickAsync();
        await Expect(user.Page.Locator("#phone-2fa-status")).ToContainTextAsync("Two-factor sign-in is off.");
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.Phone.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Remove this phone number" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your phone number is removed.");
        await Expect(user.Page.Locator("#phone-status")).ToContainTextAsync("none");
    }

    [Fact]
    public async Task AStepUpGoesStaleAfterFiveMinutes()
    {
        var user = await SignedInWithTwoFactorAsync();
        await user.Page.GotoAsync("/Account/Manage/Disable2fa");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.Phone.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/Disable2fa$"));

        site.Clock.Advance(TimeSpan.FromMinutes(5));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Disable 2FA" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await user.Page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        await Expect(user.Page.Locator("#phone-2fa-status")).ToContainTextAsync("Two-factor sign-in is on");
    }

    [Fact]
    public async Task SignalWireDownDuringStepUpSaysTryAgainAndKeepsTheStep()
    {
        var user = await SignedInWithTwoFactorAsync();
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        var code = await user.Phone.NextCodeAsync();

        site.Emulator.Faults.FailNext(503);
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await user.ExpectMessageAsync("Codes cannot be sent or checked right now. Try again in a moment.");
        await Expect(user.Page.Locator("#code-state")).ToContainTextAsync("3 tries are left");

        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/PhoneNumber$"));
    }

    [Theory]
    [InlineData("/Account/Manage/GenerateRecoveryCodes")]
    [InlineData("/Account/Manage/EnableAuthenticator")]
    [InlineData("/Account/Manage/ResetAuthenticator")]
    [InlineData("/Account/Manage/Passkeys")]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/Account/Manage/SetPassword")]
    [InlineData("/Account/Manage/ExternalLogins")]
    [InlineData("/Account/Manage/Disable2fa")]
    [InlineData("/Account/Manage/PhoneNumber")]
    public async Task EveryFactorChangeAsksForStepUpFirst(string path)
    {
        var user = await SignedInWithTwoFactorAsync();

        await user.Page.GotoAsync(path);

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity\\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString(path)) + "$"));
    }

    [Fact]
    public async Task AStolenSessionCannotMintRecoveryCodesOrPasskeyOptionsToPassStepUpWith()
    {
        var user = await SignedInWithTwoFactorAsync();
        var before = user.RecoveryCodes;

        // The posts a script would make with the session's cookie and a valid antiforgery token.
        await user.Page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        var token = await user.Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var codes = await user.Page.APIRequest.PostAsync("/Account/Manage/GenerateRecoveryCodes", new()
        {
            Form = user.Page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("_handler", "generate-recovery-codes"),
            MaxRedirects = 0,
        });
        var passkey = await user.Page.APIRequest.PostAsync("/Account/PasskeyCreationOptions", new()
        {
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token! },
            MaxRedirects = 0,
        });

        Assert.Equal(302, codes.Status);
        Assert.Contains("/Account/Manage/ConfirmIdentity", codes.Headers["location"], StringComparison.Ordinal);
        Assert.Equal(403, passkey.Status);
        Assert.Contains(SignalWireDefaults.StepUpRequiredProblemType, await passkey.TextAsync(), StringComparison.Ordinal);

        // The old codes still work: nothing was minted.
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.Page.GotoAsync("/Account/Manage/GenerateRecoveryCodes");
        await user.Page.GetByLabel("Recovery code").FillAsync(before[1]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/GenerateRecoveryCodes$"));
    }

    // The template's profile page saved any posted number with SetPhoneNumberAsync, unconfirmed and without step-up:
    // with its box gone, a post that adds the field back must still change nothing.
    [Fact]
    public async Task AProfilePostWithAPhoneNumberLeavesTheConfirmedNumberAlone()
    {
        var user = await SignedInWithTwoFactorAsync();

        await user.Page.GotoAsync("/Account/Manage");
        var save = user.Page.GetByRole(AriaRole.Button, new() { Name = "Save" });
        await save.EvaluateAsync(
            "button => { const field = document.createElement('input'); field.type = 'hidden'; field.name = 'Input.PhoneNumber'; field.value = '+12015550199'; button.form.appendChild(field); }");
        await save.ClickAsync();
        await Expect(user.Page.GetByText("Your profile has been updated")).ToBeVisibleAsync();

        await user.LogOutAsync();
        await user.LogInAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("ending in " + user.Phone.Number[^2..]);
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
    }

    // Registered, phone confirmed, two-factor sign-in on, and still signed in.
    private async Task<BlazorUser> SignedInWithTwoFactorAsync()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync();
        await user.EnableTwoFactorAsync();
        return user;
    }
}
