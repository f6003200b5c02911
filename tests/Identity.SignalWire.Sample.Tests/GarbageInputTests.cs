using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Every form of the site, found by following its links, gets garbage in each field (issue 18): the site answers with a
/// page, a redirect or a 400, never a 500, and logs no unhandled exception.
/// </summary>
public sealed class GarbageInputTests(SampleSite site, ITestOutputHelper output) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task SignedOutFormsSurviveGarbage()
    {
        var user = await TwoFactorUserAsync();
        var page = await site.NewPageAsync();
        var fuzzer = new FormFuzzer(page.Context, new Uri(site.Address))
        {
            InScope = path => !path.StartsWith("/manage", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            // A wrong password for a real account: the login runs to the end without signing this context in.
            Password = "Wrong-Passw0rd!",
            PhoneNumber = new TestPhone(site.Emulator).Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync(
            "/", "/account/login", "/account/register", "/account/twofactor", "/account/twofactorcode",
            "/account/loginwithrecoverycode", "/account/lockout", "/manage", "/manage/phone", "/dev/phone");

        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    [Fact]
    public async Task TwoFactorStepFormsSurviveGarbageAndAnExpiredStep()
    {
        var user = await TwoFactorUserAsync();
        await user.LogInAsync();
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/account/twofactor", StringComparison.OrdinalIgnoreCase)
                || path.Equals("/account/loginwithrecoverycode", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            Password = user.Password,
            PhoneNumber = user.PhoneNumber,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync("/account/twofactor", "/account/twofactorcode", "/account/loginwithrecoverycode");
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
        await user.EnterCodeAsync(await user.NextCodeAsync());
        await user.ExpectSignedInAsync();
        // A fresh step-up, so that the phone page shows its forms instead of sending to the step-up page.
        await user.Page.GotoAsync("/manage/phone");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(await user.NextCodeAsync());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/phone$"));
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/manage", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            // Never the right password: a form filled in as typed must not delete or change anything for good.
            Password = "Wrong-Passw0rd!",
            PhoneNumber = new TestPhone(site.Emulator).Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync("/manage", "/manage/phone", "/manage/confirmphone", "/manage/confirmidentity");

        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    // A user with two-factor sign-in on, who cannot be locked out: the garbage is about input handling, and a lockout
    // would leave every later post on the lockout page.
    private async Task<SiteUser> TwoFactorUserAsync()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        using var scope = site.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var identity = await users.FindByEmailAsync(user.Email) ?? throw new InvalidOperationException("The user was not created.");
        await users.SetLockoutEnabledAsync(identity, false);
        return user;
    }
}
