using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>The resend cooldown (30 s, the library's default), shown and enforced without JavaScript's help.</summary>
public sealed class CooldownTests(CooldownSampleSite site) : IClassFixture<CooldownSampleSite>
{
    [Fact]
    public async Task ResendWaitIsShownTheButtonWaitsAndAnEarlyResendIsRefused()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.NextCodeAsync();

        var resend = user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" });
        await Expect(user.Page.Locator("#resend-wait")).ToContainTextAsync(new Regex(@"You can ask for a new code in ([1-9]|[12][0-9]|30) s\."));
        await Expect(resend).ToBeDisabledAsync();
        await user.ScreenshotAsync("two-factor-code-wait");

        // A script (or an old page) posts anyway: the server refuses and says how long to wait; nothing is sent.
        var sent = user.MessagesSent();
        await user.Page.EvaluateAsync("document.getElementById('resend').disabled = false");
        await resend.ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex(@"A code was sent a moment ago\. You can ask for a new code in \d+ s\."));
        await user.ScreenshotAsync("two-factor-cooldown");
        Assert.Equal(sent, user.MessagesSent());

        // Once the wait is over, the button is enabled again.
        site.Clock.Advance(TimeSpan.FromSeconds(31));
        await user.Page.GotoAsync("/account/twofactorcode");
        await Expect(user.Page.Locator("#resend-wait")).ToHaveCountAsync(0);
        await Expect(resend).ToBeEnabledAsync();
    }
}
