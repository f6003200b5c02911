using System.Text.RegularExpressions;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests.Support;

/// <summary>A person using the stock pages and the drop-in ones, in a browser context of their own.</summary>
public sealed class SiteUser
{
    private SiteUser(DefaultUISite site, IPage page)
    {
        Site = site;
        Page = page;
        Phone = new TestPhone(site.Emulator);
    }

    public DefaultUISite Site { get; }

    public IPage Page { get; private set; }

    public TestPhone Phone { get; }

    public string Email { get; } = $"user-{Guid.NewGuid():N}@example.com";

    public string Password { get; } = "Some-Passw0rd!";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Registers with the stock pages and confirms the email with the stock link; signs in.</summary>
    public static async Task<SiteUser> RegisterAsync(DefaultUISite site)
    {
        var user = new SiteUser(site, await site.NewPageAsync());
        var page = user.Page;
        await page.GotoAsync("/Identity/Account/Register");
        await page.Locator("#Input_Email").FillAsync(user.Email);
        await page.Locator("#Input_Password").FillAsync(user.Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(user.Password);
        await page.Locator("#registerSubmit").ClickAsync();
        // No email sender is registered: the stock confirmation page shows the link itself.
        await page.Locator("#confirm-link").ClickAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("Thank you for confirming your email.");
        await user.LogInWithPasswordAsync();
        await user.ExpectSignedInAsync();
        return user;
    }

    /// <summary>A registered user with a confirmed phone, two-factor sign-in on and recovery codes kept, signed in.</summary>
    public static async Task<SiteUser> WithTwoFactorAsync(DefaultUISite site)
    {
        var user = await RegisterAsync(site);
        await user.AddPhoneAsync();
        await user.TurnOnTwoFactorAsync();
        return user;
    }

    /// <summary>Adds the test phone on the phone number page, with the code sent to it.</summary>
    public async Task AddPhoneAsync()
    {
        await Page.GotoAsync("/Identity/Account/Manage/PhoneNumber");
        await Page.Locator("#new-number").FillAsync(Phone.Number);
        await Page.Locator("#send-code").ClickAsync();
        await Page.Locator("#code").FillAsync(await Phone.NextCodeAsync());
        await Page.Locator("#confirm").ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToContainTextAsync("Your phone number is confirmed.");
    }

    /// <summary>Turns two-factor sign-in on from the phone page (step-up first, with a text), and keeps the codes.</summary>
    public async Task TurnOnTwoFactorAsync()
    {
        await Page.GotoAsync("/Identity/Account/Manage/PhoneNumber");
        await StepUpWithTextIfAskedAsync();
        await Page.Locator("#turn-on").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/ShowRecoveryCodes"));
        RecoveryCodes = await Page.Locator("code.recovery-code").AllInnerTextsAsync();
        Assert.Equal(10, RecoveryCodes.Count);
    }

    /// <summary>On the step-up page, proves with a text; elsewhere does nothing.</summary>
    public async Task StepUpWithTextIfAskedAsync()
    {
        if (!Page.Url.Contains("/Account/Manage/ConfirmIdentity", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await Page.Locator("#send-sms").ClickAsync();
        await Page.Locator("#code").FillAsync(await Phone.NextCodeAsync());
        await Page.Locator("#prove").ClickAsync();
        await Expect(Page).Not.ToHaveURLAsync(new Regex("ConfirmIdentity"));
    }

    /// <summary>Logs out with the stock layout's button.</summary>
    public async Task LogOutAsync()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Login", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The stock login page: email and password.</summary>
    public async Task LogInWithPasswordAsync(bool rememberMe = false)
    {
        await Page.GotoAsync("/Identity/Account/Login");
        await Page.Locator("#Input_Email").FillAsync(Email);
        await Page.Locator("#Input_Password").FillAsync(Password);
        if (rememberMe)
        {
            await Page.Locator("#Input_RememberMe").CheckAsync();
        }

        await Page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Password, then the second step by text or call, with the code the phone got.</summary>
    public async Task LogInWithCodeAsync(string channelButton = "#send-sms", bool rememberMachine = false)
    {
        await LogInWithPasswordAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await Page.Locator(channelButton).ClickAsync();
        await EnterCodeAsync(await Phone.NextCodeAsync(), rememberMachine);
        await ExpectSignedInAsync();
    }

    /// <summary>Types a code on the second step and presses Log in.</summary>
    public async Task EnterCodeAsync(string code, bool rememberMachine = false)
    {
        await Page.Locator("#code").FillAsync(code);
        if (rememberMachine)
        {
            await Page.Locator("#RememberMachine").CheckAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    public async Task ExpectSignedInAsync() => await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Hello " + Email + "!" })).ToBeVisibleAsync();

    /// <summary>A new browser context: no cookies, so no remembered browser.</summary>
    public async Task NewBrowserAsync()
    {
        await Page.Context.CloseAsync();
        Page = await Site.NewPageAsync();
    }
}
