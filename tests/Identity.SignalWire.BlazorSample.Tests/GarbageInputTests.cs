using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Data;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// Every form of the site, found by following its links, gets garbage in each field (issue 18): the site answers with a
/// page, a redirect or a 400, never a 500, and logs no unhandled exception.
/// </summary>
public sealed class GarbageInputTests(BlazorSite site, ITestOutputHelper output) : IClassFixture<BlazorSite>
{
    [Fact]
    public async Task SignedOutFormsSurviveGarbage()
    {
        var user = await TwoFactorUserAsync();
        var page = await site.NewPageAsync();
        var fuzzer = new FormFuzzer(page.Context, new Uri(site.Address))
        {
            InScope = path => !path.StartsWith("/Account/Manage", StringComparison.OrdinalIgnoreCase)
                && !path.Equals("/Account/Logout", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            // A wrong password for a real account: the login runs to the end without signing this context in.
            Password = "Wrong-Passw0rd!",
            PhoneNumber = new TestPhone(site.Emulator).Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync(
            "/", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation",
            "/Account/ResetPassword", "/Account/ConfirmEmail", "/Account/ConfirmEmailChange", "/Account/ExternalLogin",
            "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout", "/Account/InvalidUser",
            "/Account/Manage", "/dev/phone");

        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    [Fact]
    public async Task TwoFactorStepFormsSurviveGarbageAndAnExpiredStep()
    {
        var user = await TwoFactorUserAsync();
        await user.LogInAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/Account/LoginWith", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            Password = user.Password,
            PhoneNumber = user.Phone.Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync("/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode");
        // The two-factor cookie lives five minutes; after that (or from a bookmark) every form must still answer.
        await user.Page.Context.ClearCookiesAsync(new() { Name = IdentityConstants.TwoFactorUserIdScheme });
        await fuzzer.PostEachFormAgainAsync("no sign-in in progress");

        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    [Fact]
    public async Task SignedInFormsSurviveGarbage()
    {
        var user = await TwoFactorUserAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
        // A fresh step-up, so that the phone page shows its forms instead of sending to the step-up page.
        await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.Phone.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/Manage/PhoneNumber$"));
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/Account/Manage", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            // Never the right password: a form filled in as typed must not delete or change anything for good.
            Password = "Wrong-Passw0rd!",
            PhoneNumber = new TestPhone(site.Emulator).Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync(
            "/Account/Manage", "/Account/Manage/PhoneNumber", "/Account/Manage/TwoFactorAuthentication",
            "/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/SetPassword",
            "/Account/Manage/PersonalData", "/Account/Manage/DeletePersonalData", "/Account/Manage/Passkeys",
            "/Account/Manage/ExternalLogins", "/Account/Manage/EnableAuthenticator", "/Account/Manage/ResetAuthenticator",
            "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/Disable2fa", "/Account/Manage/ConfirmIdentity");

        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    // A user with two-factor sign-in on, who cannot be locked out: the garbage is about input handling, and a lockout
    // would leave every later post on the lockout page.
    private async Task<BlazorUser> TwoFactorUserAsync()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        using var scope = site.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var identity = await users.FindByEmailAsync(user.Email) ?? throw new InvalidOperationException("The user was not created.");
        await users.SetLockoutEnabledAsync(identity, false);
        return user;
    }
}
