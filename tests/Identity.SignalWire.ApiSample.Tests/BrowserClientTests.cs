using Identity.SignalWire.ApiSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Playwright;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// The sample's plain HTML and JavaScript client in headless Chromium: it signs in with bearer tokens, with a code the
/// emulator sent, and shows refusals in the API's own words.
/// </summary>
public sealed class BrowserClientTests(ApiSite site) : IClassFixture<ApiSite>
{
    [Fact]
    public async Task ThePage_SignsInWithATextedCode_ThenStepsUpAndAddsANumber()
    {
        var user = await site.CreateUserAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", user.Password);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#code-sent")).ToContainTextAsync(user.Phone.Number[^2..]);
        var code = await user.Phone.NextCodeAsync();

        // A wrong code first: the page shows the API's answer, and the right one still signs in.
        await page.FillAsync("#code", TestPhone.WrongCodeFor(code));
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Wrong e-mail, password or code.");
        await page.FillAsync("#code", code);
        await page.ClickAsync("#verify");
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync(user.Email);
        await Assertions.Expect(page.Locator("#two-factor-state")).ToHaveTextAsync("on");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserTestSite.ScreenshotFolder, "api-sample-signed-in.png") });

        // A change of number needs step-up first; the page's token then carries the proof.
        var newPhone = new TestPhone(site.Emulator);
        await page.FillAsync("#phone", newPhone.Number);
        await page.ClickAsync("#phone-send");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Confirm it's you");
        Assert.Equal(0, newPhone.MessagesSent());

        await page.ClickAsync("#step-up-send");
        await page.FillAsync("#step-up-code", await user.Phone.NextCodeAsync());
        await page.ClickAsync("#step-up-prove");
        await Assertions.Expect(page.Locator("#step-up-state")).ToHaveTextAsync("yes");

        await page.ClickAsync("#phone-send");
        await page.FillAsync("#phone-code", await newPhone.NextCodeAsync());
        await page.ClickAsync("#phone-confirm");
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Phone number confirmed.");
        await Assertions.Expect(page.Locator("#phone-state")).ToContainTextAsync(newPhone.Number[^2..] + " (confirmed)");
    }
}
