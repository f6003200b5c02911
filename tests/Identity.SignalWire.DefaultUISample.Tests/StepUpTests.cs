using System.Text.RegularExpressions;
using Identity.SignalWire.DefaultUISample.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>Every stock page that changes a factor or the password, and the phone page, ask for step-up first.</summary>
public sealed class StepUpTests(DefaultUISite site) : IClassFixture<DefaultUISite>
{
    public static TheoryData<string> FactorPages() =>
    [
        "PhoneNumber", "Disable2fa", "GenerateRecoveryCodes", "EnableAuthenticator", "ResetAuthenticator",
        "ChangePassword", "SetPassword", "ExternalLogins",
    ];

    [Theory]
    [MemberData(nameof(FactorPages))]
    public async Task A_signed_in_session_proves_the_second_factor_again_before_a_factor_page_and_then_gets_it(string page)
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithCodeAsync();

        await user.Page.GotoAsync("/Identity/Account/Manage/" + page);

        await Expect(user.Page).ToHaveURLAsync(new Regex(
            "/Identity/Account/Manage/ConfirmIdentity\\?ReturnUrl=%2FIdentity%2FAccount%2FManage%2F" + page, RegexOptions.IgnoreCase));
        await Expect(user.Page.Locator("#send-sms")).ToBeVisibleAsync();
        await Expect(user.Page.Locator("#recovery-code")).ToBeVisibleAsync();

        // A wrong code is refused with the code's state; the right one goes back to the page asked for.
        await user.Page.Locator("#send-sms").ClickAsync();
        var code = await user.Phone.NextCodeAsync();
        await user.Page.Locator("#code").FillAsync(Identity.SignalWire.Testing.Browser.TestPhone.WrongCodeFor(code));
        await user.Page.Locator("#prove").ClickAsync();
        await Expect(user.Page.Locator("#error")).ToContainTextAsync("Wrong code. Check it and try again");
        await user.Page.Locator("#code").FillAsync(code);
        await user.Page.Locator("#prove").ClickAsync();

        await Expect(user.Page).Not.ToHaveURLAsync(new Regex("ConfirmIdentity"));
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/"));
    }

    [Fact]
    public async Task A_recovery_code_proves_the_session_and_is_used_up()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithCodeAsync();

        await user.Page.GotoAsync("/Identity/Account/Manage/Disable2fa");
        await user.Page.Locator("#recovery-code").FillAsync(user.RecoveryCodes[1]);
        await user.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Confirm with a recovery code" }).ClickAsync();

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/Disable2fa$"));
        Assert.Equal(9, await site.WithUserAsync(user.Email, (users, u) => users.CountRecoveryCodesAsync(u)));
    }

    [Fact]
    public async Task Recovery_codes_made_in_this_session_do_not_prove_it()
    {
        // The codes shown when two-factor sign-in was turned on were made by this very session.
        var user = await SiteUser.WithTwoFactorAsync(site);

        await user.Page.GotoAsync("/Identity/Account/Manage/ChangePassword");
        await Expect(user.Page).ToHaveURLAsync(new Regex("ConfirmIdentity"));

        await Expect(user.Page.Locator("#recovery-code")).ToHaveCountAsync(0);
        await Expect(user.Page.Locator("#send-sms")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_without_a_second_factor_reaches_the_pages_directly()
    {
        var user = await SiteUser.RegisterAsync(site);

        await user.Page.GotoAsync("/Identity/Account/Manage/ChangePassword");

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/ChangePassword$"));
    }
}
