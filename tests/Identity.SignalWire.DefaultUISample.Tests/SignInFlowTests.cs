using System.Text.RegularExpressions;
using Identity.SignalWire.DefaultUISample.Tests.Support;
using Identity.SignalWire.Emulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>The stock template with the drop-in pages: register, add a phone, two-factor on, and every way back in.</summary>
public sealed class SignInFlowTests(DefaultUISite site) : IClassFixture<DefaultUISite>
{
    [Fact]
    public async Task Register_add_a_phone_turn_on_two_factor_then_log_in_by_text_by_call_and_with_a_recovery_code()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();

        // By text: the second step offers the ways the account has, and sends nothing until asked.
        var sentBefore = user.Phone.MessagesSent();
        await user.LogInWithPasswordAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
        await Expect(user.Page.Locator("#send-sms")).ToBeVisibleAsync();
        await Expect(user.Page.Locator("#send-call")).ToBeVisibleAsync();
        await Expect(user.Page.Locator("#recovery-code-login")).ToBeVisibleAsync();
        Assert.Equal(sentBefore, user.Phone.MessagesSent());
        await user.Page.Locator("#send-sms").ClickAsync();
        var text = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, text.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("We sent a text message with your code to +*********" + user.Phone.Number[^2..]);
        await Expect(user.Page.Locator("#code-state")).ToContainTextAsync("can be tried");
        await user.EnterCodeAsync(text.Code);
        await user.ExpectSignedInAsync();
        await user.LogOutAsync();

        // By call.
        await user.LogInWithPasswordAsync();
        await user.Page.Locator("#send-call").ClickAsync();
        var call = await user.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Call, call.Channel);
        await Expect(user.Page.Locator("#sent-to")).ToContainTextAsync("We are calling");
        await user.EnterCodeAsync(call.Code);
        await user.ExpectSignedInAsync();
        await user.LogOutAsync();

        // With a recovery code, through the stock page the second step links to.
        await user.LogInWithPasswordAsync();
        await user.Page.Locator("#recovery-code-login").ClickAsync();
        await user.Page.Locator("#Input_RecoveryCode").FillAsync(user.RecoveryCodes[0]);
        await user.Page.Locator("button[type=submit]").Last.ClickAsync();
        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task The_return_url_and_remember_me_of_the_stock_login_survive_the_second_step()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();

        await user.Page.GotoAsync("/Identity/Account/Manage/Email");
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/Login"));
        await user.Page.Locator("#Input_Email").FillAsync(user.Email);
        await user.Page.Locator("#Input_Password").FillAsync(user.Password);
        await user.Page.Locator("#Input_RememberMe").CheckAsync();
        await user.Page.Locator("#login-submit").ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("LoginWith2fa\\?.*RememberMe=True", RegexOptions.IgnoreCase));
        await user.Page.Locator("#send-sms").ClickAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());

        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/Email$"));
        var cookies = await user.Page.Context.CookiesAsync();
        Assert.Contains(cookies, cookie => cookie.Name == ".AspNetCore.Identity.Application" && cookie.Expires > 0);
    }

    [Fact]
    public async Task Remember_this_machine_skips_the_second_step_in_this_browser_only()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithCodeAsync(rememberMachine: true);
        await user.LogOutAsync();

        await user.LogInWithPasswordAsync();
        await user.ExpectSignedInAsync();

        await user.NewBrowserAsync();
        await user.LogInWithPasswordAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Identity/Account/LoginWith2fa"));
    }

    [Fact]
    public async Task The_second_step_without_a_password_step_goes_back_to_the_login_page()
    {
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync("/Identity/Account/LoginWith2fa?returnUrl=%2FPrivacy&rememberMe=nonsense");
        Assert.True(response!.Ok);
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Login\\?ReturnUrl=%2FPrivacy"));
    }

    [Fact]
    public async Task The_profile_page_shows_the_number_and_its_stock_form_can_no_longer_unconfirm_it()
    {
        var user = await SiteUser.RegisterAsync(site);
        await user.AddPhoneAsync();

        await user.Page.GotoAsync("/Identity/Account/Manage");
        await Expect(user.Page.Locator("#PhoneNumber")).ToHaveValueAsync(user.Phone.Number);
        await Expect(user.Page.Locator("#PhoneNumber")).ToBeDisabledAsync();
        await Expect(user.Page.Locator("#phone-number")).ToHaveTextAsync("Phone number");
        // What the stock form posts, with a valid antiforgery token: the number is neither changed nor unconfirmed.
        var token = await user.Page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = user.Page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("Input.PhoneNumber", "+12015550199");
        var response = await user.Page.Context.APIRequest.PostAsync("/Identity/Account/Manage", new() { Form = form, MaxRedirects = 0 });

        Assert.Equal(302, response.Status);
        Assert.Equal((user.Phone.Number, true), await site.WithUserAsync(user.Email, async (users, u) =>
            (await users.GetPhoneNumberAsync(u), await users.IsPhoneNumberConfirmedAsync(u))));
    }
}
