using System.Text.RegularExpressions;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests.Support;

/// <summary>One person using the Blazor sample in one browser: the steps of the flow, written as a person does them.</summary>
public sealed class BlazorUser(BlazorSite site, IPage page)
{
    /// <summary>Gets a fresh e-mail address.</summary>
    public string Email { get; } = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    /// <summary>Gets the password.</summary>
    public string Password { get; } = "Sample-Passw0rd!";

    /// <summary>Gets the user's phone.</summary>
    public TestPhone Phone { get; } = new(site.Emulator);

    /// <summary>Gets the page.</summary>
    public IPage Page => page;

    /// <summary>Gets the recovery codes shown when two-factor sign-in was turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>A new user in a new browser context.</summary>
    public static async Task<BlazorUser> StartAsync(BlazorSite site) => new(site, await site.NewPageAsync());

    /// <summary>Registers, confirms the e-mail, adds and confirms a phone number, turns on two-factor sign-in and logs out.</summary>
    public async Task SetUpTwoFactorAsync()
    {
        await RegisterAsync();
        await AddAndConfirmPhoneAsync();
        await EnableTwoFactorAsync();
        await LogOutAsync();
    }

    /// <summary>Registers, follows the template's e-mail confirmation link (no e-mail sender in the sample) and logs in.</summary>
    public async Task RegisterAsync()
    {
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Click here to confirm your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Thank you for confirming your email.");
        await LogInAsync();
        await ExpectSignedInAsync();
    }

    /// <summary>Adds the phone number and confirms it with the code sent to it.</summary>
    public async Task AddAndConfirmPhoneAsync(string? screenshot = null)
    {
        await page.GotoAsync("/Account/Manage/PhoneNumber");
        await ConfirmNumberAsync(Phone, screenshot);
    }

    /// <summary>On the phone page: types <paramref name="phone"/>'s number and confirms it with the code sent there.</summary>
    public async Task ConfirmNumberAsync(TestPhone phone, string? screenshot = null)
    {
        await page.GetByLabel("Phone number").FillAsync(phone.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("ending in " + phone.Number[^2..]);
        var code = await phone.NextCodeAsync();
        if (screenshot is not null)
        {
            await ScreenshotAsync(screenshot);
        }

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#phone-status")).ToContainTextAsync(phone.Number + " (confirmed)");
    }

    /// <summary>
    /// Turns two-factor sign-in on with the phone, after step-up with a text to the phone just confirmed, and keeps the
    /// recovery codes shown once.
    /// </summary>
    public async Task EnableTwoFactorAsync(string? screenshot = null)
    {
        await page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/ConfirmIdentity"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await Phone.NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Manage/TwoFactorAuthentication$"));
        // The person waits out the resend cooldown of that step-up code, so that a test may step up again at once.
        site.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);
        RecoveryCodes = await page.Locator(".recovery-code").AllInnerTextsAsync();
        if (screenshot is not null)
        {
            await ScreenshotAsync(screenshot);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved these codes" }).ClickAsync();
        await Expect(page.Locator("#phone-2fa-status")).ToContainTextAsync("Two-factor sign-in is on");
    }

    /// <summary>Logs out with the button in the menu.</summary>
    public async Task LogOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Logout" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Login" })).ToBeVisibleAsync();
    }

    /// <summary>Types e-mail and password on the login page.</summary>
    public async Task LogInAsync()
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    /// <summary>Chooses SMS or call on the second step and asks for the code.</summary>
    public async Task SendCodeAsync(bool byCall = false)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.GetByLabel(byCall ? "Voice call" : "Text message (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("ending in " + Phone.Number[^2..]);
    }

    /// <summary>Types a code and submits it.</summary>
    public async Task EnterCodeAsync(string code, bool rememberBrowser = false)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        if (rememberBrowser)
        {
            await page.GetByLabel("Remember this browser").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    /// <summary>Checks that the menu shows this user as signed in.</summary>
    public async Task ExpectSignedInAsync() =>
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = Email })).ToBeVisibleAsync();

    /// <summary>Checks that the page shows <paramref name="text"/> as an error.</summary>
    public async Task ExpectMessageAsync(string text) =>
        await Expect(page.Locator("#code-message")).ToContainTextAsync(text);

    /// <summary>Saves a screenshot of the whole page to the screenshot folder.</summary>
    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTestSite.ScreenshotFolder, name + ".png"), FullPage = true });
}
