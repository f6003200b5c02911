using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>Resending with the library's 30-second cooldown: the wait is shown, enforced, and then a resend works.</summary>
public sealed class CooldownTests(CooldownBlazorSite site) : IClassFixture<CooldownBlazorSite>
{
    [Fact]
    public async Task NewCodeWaitsForTheCooldownThenReplacesTheOldOne()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var first = await user.Phone.NextCodeAsync();
        await Expect(user.Page.Locator("#resend-wait")).ToHaveTextAsync("You can ask for a new code in 30 s.");

        var sent = user.Phone.MessagesSent();
        await user.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Send a new code" }).ClickAsync();
        await user.ExpectMessageAsync("Please wait: You can ask for a new code in 30 s.");
        Assert.Equal(sent, user.Phone.MessagesSent());

        // Open the page again (a reload would post the resend form once more).
        site.Clock.Advance(TimeSpan.FromSeconds(31));
        await user.Page.GotoAsync(user.Page.Url);
        await Expect(user.Page.Locator("#resend-wait")).ToHaveCountAsync(0);
        await user.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Call me instead" }).ClickAsync();
        var second = await user.Phone.NextMessageAsync();
        Assert.Equal(Emulator.MfaChannel.Call, second.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("We are calling");

        // Only the latest code can succeed, whatever the channel.
        Assert.NotEqual(first, second.Code);
        await user.EnterCodeAsync(first);
        await user.ExpectMessageAsync("Wrong code. Check it and try again (2 tries left for this code).");

        await user.EnterCodeAsync(second.Code);
        await user.ExpectSignedInAsync();
    }
}
