using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>"I lost my phone": recovery codes, shown once when two-factor sign-in is turned on and again on demand.</summary>
public sealed class RecoveryCodeTests(SampleSite site) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task RecoveryCodeSignsInWithoutThePhoneOnceOnly()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync();
        await user.EnableTwoFactorAsync();
        Assert.Equal(10, user.RecoveryCodes.Distinct().Count());
        await user.ScreenshotAsync("recovery-codes");

        // Shown once: the account page no longer lists them, only how many are left.
        await user.Page.GotoAsync("/manage");
        await Expect(user.Page.Locator(".recovery-code")).ToHaveCountAsync(0);
        await Expect(user.Page.Locator("#recovery-status")).ToHaveTextAsync("10 recovery codes left.");
        await user.LogOutAsync();

        var sent = user.MessagesSent();
        await LogInWithRecoveryCodeAsync(user, user.RecoveryCodes[0]);
        await user.ExpectSignedInAsync();
        Assert.Equal(sent, user.MessagesSent());
        await user.Page.GotoAsync("/manage");
        await Expect(user.Page.Locator("#recovery-status")).ToHaveTextAsync("9 recovery codes left.");
        await user.LogOutAsync();

        // Each code works once.
        await LogInWithRecoveryCodeAsync(user, user.RecoveryCodes[0]);
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That recovery code is not valid (each one works once).");
    }

    [Fact]
    public async Task NewRecoveryCodesOnDemandReplaceTheOldOnes()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        await user.AddAndConfirmPhoneAsync();
        await user.EnableTwoFactorAsync();
        var old = user.RecoveryCodes;

        // New codes are a factor change: step-up first, with a fresh code to the phone.
        await user.Page.GotoAsync("/manage");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Show new recovery codes" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage$"));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Show new recovery codes" }).ClickAsync();
        await Expect(user.Page.Locator(".recovery-code")).ToHaveCountAsync(10);
        var fresh = await user.Page.Locator(".recovery-code").AllInnerTextsAsync();
        Assert.Empty(fresh.Intersect(old));
        await user.LogOutAsync();

        await LogInWithRecoveryCodeAsync(user, old[1]);
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That recovery code is not valid");
        await user.Page.GetByLabel("Recovery code").FillAsync(fresh[1]);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await user.ExpectSignedInAsync();
    }

    private static async Task LogInWithRecoveryCodeAsync(SiteUser user, string code)
    {
        await user.LogInAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/twofactor"));
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "Log in with a recovery code" }).ClickAsync();
        await user.Page.GetByLabel("Recovery code").FillAsync(code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }
}
