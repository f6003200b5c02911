using Identity.SignalWire.DefaultUISample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Identity;
using Xunit.Abstractions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>
/// Every form reachable from the drop-in pages gets garbage in each field: the site answers with a page, a redirect or
/// a 400, never a 500, and logs no unhandled exception.
/// </summary>
public sealed class GarbageInputTests(DefaultUISite site, ITestOutputHelper output) : IClassFixture<DefaultUISite>
{
    [Fact]
    public async Task The_second_step_survives_garbage_and_an_expired_step()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithPasswordAsync();
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/Identity/Account/LoginWith", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            Password = user.Password,
            PhoneNumber = user.Phone.Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync("/Identity/Account/LoginWith2fa?returnUrl=%2F&rememberMe=true");
        await user.Page.Context.ClearCookiesAsync(new() { Name = IdentityConstants.TwoFactorUserIdScheme });
        await fuzzer.PostEachFormAgainAsync("no sign-in in progress");

        Assert.NotEmpty(fuzzer.Forms);
        fuzzer.AssertNoServerError(site.Logs, before, output);
    }

    [Fact]
    public async Task The_manage_pages_survive_garbage()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        // A fresh step-up, so that the guarded pages show their forms.
        await user.Page.GotoAsync("/Identity/Account/Manage/PhoneNumber");
        await user.StepUpWithTextIfAskedAsync();
        var fuzzer = new FormFuzzer(user.Page.Context, new Uri(site.Address))
        {
            InScope = path => path.StartsWith("/Identity/Account/Manage", StringComparison.OrdinalIgnoreCase)
                && !path.Contains("DeletePersonalData", StringComparison.OrdinalIgnoreCase)
                && !path.Contains("DownloadPersonalData", StringComparison.OrdinalIgnoreCase),
            Email = user.Email,
            Password = user.Password,
            PhoneNumber = user.Phone.Number,
        };
        var before = site.Logs.Lines.Count;

        await fuzzer.RunAsync(
            "/Identity/Account/Manage/PhoneNumber", "/Identity/Account/Manage/ConfirmIdentity", "/Identity/Account/Manage");

        Assert.NotEmpty(fuzzer.Forms);
        fuzzer.AssertNoServerError(site.Logs, before, output);
    }
}
