using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Step-up: a signed-in session alone cannot move the second factor. Changing the phone number, making new recovery
/// codes and turning two-factor sign-in off need a fresh code sent to the current confirmed phone, or a recovery code
/// made before this session.
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
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        await TurnOffAsync(user);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));

        // A lost phone: a recovery code does instead, one made before this session (these were shown to it).
        await Expect(user.Page.GetByLabel("Recovery code")).ToHaveCountAsync(0);
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.NextCodeAsync());
        await TurnOffAsync(user);
        await user.Page.GetByLabel("Recovery code").FillAsync(user.RecoveryCodes[0]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage$"));
        await TurnOffAsync(user);
        await Expect(user.Page.Locator("#two-factor-status")).ToContainTextAsync("Off.");
    }

    [Fact]
    public async Task AStolenSessionCannotMakeRecoveryCodesToPassStepUpWith()
    {
        var user = await SignedInWithTwoFactorAsync();
        var shownAtEnrolment = user.RecoveryCodes;

        // The attack: new recovery codes, then one of them to pass "Confirm it's you".
        await user.Page.GotoAsync("/manage");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Show new recovery codes" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity\\?ReturnUrl=%2Fmanage$"));
        await Expect(user.Page.Locator(".recovery-code")).ToHaveCountAsync(0);

        // With a fresh phone code the codes are made, and still cannot confirm this session once the proof is stale.
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Show new recovery codes" }).ClickAsync();
        await Expect(user.Page.Locator(".recovery-code")).ToHaveCountAsync(10);
        var made = await user.Page.Locator(".recovery-code").AllInnerTextsAsync();
        Assert.Empty(made.Intersect(shownAtEnrolment));
        site.Clock.Advance(TimeSpan.FromMinutes(5));
        await user.Page.GotoAsync("/manage/phone");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
        await Expect(user.Page.GetByLabel("Recovery code")).ToHaveCountAsync(0);

        // A form posted anyway is refused, and the code is not used up.
        var token = await user.Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var posted = await user.Page.APIRequest.PostAsync("/manage/confirmidentity?handler=Recovery&ReturnUrl=%2Fmanage%2Fphone", new()
        {
            Form = user.Page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("RecoveryCode", made[0]),
            MaxRedirects = 0,
        });
        Assert.Equal(200, posted.Status);
        Assert.Contains("Recovery codes made in this session cannot confirm it", await posted.TextAsync(), StringComparison.Ordinal);

        // In a later session, the same code works.
        await user.LogOutAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.NextCodeAsync());
        await user.Page.GotoAsync("/manage/phone");
        await user.Page.GetByLabel("Recovery code").FillAsync(made[0]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Use the recovery code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/phone$"));
    }

    [Fact]
    public async Task ConfirmingANewNumberDirectlyNeedsStepUpToo()
    {
        var user = await SignedInWithTwoFactorAsync();

        await user.Page.GotoAsync("/manage/confirmphone");

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity\\?ReturnUrl=%2Fmanage%2Fconfirmphone$"));
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
