using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests.Support;

/// <summary>One person using the site in one browser: the steps of the flow, written as a person does them.</summary>
public sealed partial class SiteUser(SampleSite site, IPage page)
{
    /// <summary>Gets a fresh e-mail address.</summary>
    public string Email { get; } = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    /// <summary>Gets the password.</summary>
    public string Password { get; } = "Sample-Passw0rd!";

    /// <summary>Gets the user's phone: a fresh valid number, and what the emulator sent to it.</summary>
    public TestPhone Phone { get; } = new(site.Emulator);

    /// <summary>Gets the phone's number.</summary>
    public string PhoneNumber => Phone.Number;

    /// <summary>Gets the recovery codes shown when two-factor sign-in was turned on.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Gets the page.</summary>
    public IPage Page => page;

    /// <summary>A new user in a new browser context.</summary>
    public static async Task<SiteUser> StartAsync(SampleSite site) => new(site, await site.NewPageAsync());

    /// <summary>Registers, adds and confirms a phone number, turns on two-factor sign-in and logs out.</summary>
    public async Task SetUpTwoFactorAsync()
    {
        await RegisterAsync();
        await AddAndConfirmPhoneAsync();
        await EnableTwoFactorAsync();
        await LogOutAsync();
    }

    /// <summary>Registers with e-mail and password.</summary>
    public async Task RegisterAsync()
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));
    }

    /// <summary>Adds the phone number and confirms it with the code sent to it.</summary>
    public async Task AddAndConfirmPhoneAsync(string? screenshotPrefix = null)
    {
        await page.GotoAsync("/manage/phone");
        await page.GetByLabel("Phone number").FillAsync(PhoneNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/confirmphone$"));
        var code = await NextCodeAsync();
        if (screenshotPrefix is not null)
        {
            await ScreenshotAsync(screenshotPrefix + "confirm-phone");
        }

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page.Locator("#phone-status")).ToContainTextAsync("(confirmed)");
    }

    /// <summary>Turns two-factor sign-in on, after step-up with a text to the phone just confirmed.</summary>
    public async Task EnableTwoFactorAsync()
    {
        await page.GotoAsync("/manage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage/confirmidentity"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await NextCodeAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/manage$"));
        // The person waits out the resend cooldown of that step-up code, so that a test may step up again at once.
        site.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("#two-factor-status")).ToContainTextAsync("On");
        await Expect(page.Locator(".recovery-code")).ToHaveCountAsync(10);
        RecoveryCodes = await page.Locator(".recovery-code").AllInnerTextsAsync();
    }

    /// <summary>Logs out with the button in the header.</summary>
    public async Task LogOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are logged out.");
    }

    /// <summary>Types e-mail and password on the login page.</summary>
    public async Task LogInAsync(string? screenshot = null)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        if (screenshot is not null)
        {
            await ScreenshotAsync(screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Chooses SMS or call on the second step and asks for the code.</summary>
    public async Task SendCodeAsync(bool byCall = false)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/account/twofactor$"));
        await page.GetByLabel(byCall ? "Voice call" : "Text message (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/twofactorcode$"));
    }

    /// <summary>Types a code on the code page and submits it.</summary>
    public async Task EnterCodeAsync(string code, bool rememberBrowser = false)
    {
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        if (rememberBrowser)
        {
            await page.GetByLabel("Remember this browser").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Checks that the home page greets this user as signed in.</summary>
    public async Task ExpectSignedInAsync()
    {
        await Expect(page.Locator("#signed-in")).ToContainTextAsync(Email);
    }

    /// <summary>The next code the emulator sent to this user's phone.</summary>
    public Task<string> NextCodeAsync() => Phone.NextCodeAsync();

    /// <summary>The next message the emulator sent to this user's phone.</summary>
    public Task<OutboxMessage> NextMessageAsync() => Phone.NextMessageAsync();

    /// <summary>How many texts and calls reached this user's phone.</summary>
    public int MessagesSent() => Phone.MessagesSent();

    /// <summary>Saves a screenshot of the whole page to the screenshot folder.</summary>
    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTestSite.ScreenshotFolder, name + ".png"), FullPage = true });
}
