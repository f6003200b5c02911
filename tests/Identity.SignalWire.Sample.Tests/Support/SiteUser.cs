using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests.Support;

/// <summary>One person using the site in one browser: the steps of the flow, written as a person does them.</summary>
public sealed partial class SiteUser(SampleSite site, IPage page)
{
    private static int numbers;

    /// <summary>Gets a fresh e-mail address.</summary>
    public string Email { get; } = "user-" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    /// <summary>Gets the password.</summary>
    public string Password { get; } = "Sample-Passw0rd!";

    /// <summary>Gets a fresh valid number (+1 201 xxx xxxx, New Jersey), so that no two tests share send budgets.</summary>
    public string PhoneNumber { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"+1201{Random.Shared.Next(200, 999)}{Interlocked.Increment(ref numbers) % 10000:D4}");

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

    /// <summary>Turns two-factor sign-in on.</summary>
    public async Task EnableTwoFactorAsync()
    {
        await page.GotoAsync("/manage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.Locator("#two-factor-status")).ToContainTextAsync("On");
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
    public async Task<string> NextCodeAsync() => (await NextMessageAsync()).Code;

    /// <summary>The next message the emulator sent to this user's phone.</summary>
    public Task<OutboxMessage> NextMessageAsync() => site.Emulator.Outbox.NextMessageAsync(PhoneNumber, TimeSpan.FromSeconds(15));

    /// <summary>How many texts and calls reached this user's phone.</summary>
    public int MessagesSent() => site.Emulator.Outbox.Count(message => message.To == PhoneNumber);

    /// <summary>A code that is certainly not <paramref name="code"/>: every digit moved by one.</summary>
    public static string WrongCodeFor(string code) => new([.. code.Select(c => (char)('0' + ((c - '0' + 1) % 10)))]);

    /// <summary>Saves a screenshot of the whole page to the screenshot folder.</summary>
    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SampleSite.ScreenshotFolder, name + ".png"), FullPage = true });
}
