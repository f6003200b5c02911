using System.Text.RegularExpressions;
using Identity.SignalWire.DefaultUISample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>The resend cooldown, wrong and malformed codes, and the channel switch on the second step.</summary>
public sealed class CodeStateTests(CodeStateTests.CooldownSite site) : IClassFixture<CodeStateTests.CooldownSite>
{
    [Fact]
    public async Task The_resend_waits_out_the_cooldown_and_wrong_codes_say_how_many_tries_are_left()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithPasswordAsync();
        await user.Page.Locator("#send-sms").ClickAsync();
        var code = await user.Phone.NextCodeAsync();
        var sent = user.Phone.MessagesSent();

        await Expect(user.Page.Locator("#resend")).ToBeDisabledAsync();
        await Expect(user.Page.Locator("#switch-channel")).ToBeDisabledAsync();
        await Expect(user.Page.Locator("#resend-note")).ToContainTextAsync("You can ask for a new code in");

        // A resend forced past the disabled button is refused by the library's cooldown, in the user's words.
        await user.Page.EvalOnSelectorAsync("#resend", "button => button.disabled = false");
        await user.Page.Locator("#resend").ClickAsync();
        await Expect(user.Page.Locator("#error")).ToContainTextAsync("A code was sent a moment ago. You can ask for a new code in");
        Assert.Equal(sent, user.Phone.MessagesSent());

        // Not a code at all: no try spent.
        await user.EnterCodeAsync("abc");
        await Expect(user.Page.Locator("#error")).ToHaveTextAsync("Enter the code from the message, digits only.");
        var triesBefore = await user.Page.Locator("#code-state").InnerTextAsync();

        await user.EnterCodeAsync(TestPhone.WrongCodeFor(code));
        await Expect(user.Page.Locator("#error")).ToContainTextAsync(new Regex("Wrong code\\. Check it and try again \\(\\d+ tries left for this code\\)\\."));
        Assert.NotEqual(triesBefore, await user.Page.Locator("#code-state").InnerTextAsync());
        Assert.Equal(1, await site.WithUserAsync(user.Email, (users, u) => users.GetAccessFailedCountAsync(u)));

        await user.EnterCodeAsync(code);
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task A_code_by_call_can_be_switched_to_a_text_once_the_cooldown_allows()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithPasswordAsync();
        await user.Page.Locator("#send-call").ClickAsync();
        await user.Phone.NextCodeAsync();

        await Expect(user.Page.Locator("#switch-channel")).ToHaveTextAsync("Text me instead");
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("We are calling +*********" + user.Phone.Number[^2..]);
    }

    /// <summary>The sample with a one-minute resend cooldown.</summary>
    public sealed class CooldownSite : DefaultUISite
    {
        protected override TimeSpan ResendCooldown => TimeSpan.FromMinutes(1);
    }
}
