using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Issue 18: at Debug, Identity's UserManager logs "VerifyUserTokenAsync() failed with purpose: ChangePhoneNumber:+1…",
/// a full number. The sample filters that category to Information, as the README tells sites to.
/// </summary>
public sealed class PhoneNumberLogTests(DebugLoggingSampleSite site) : IClassFixture<DebugLoggingSampleSite>
{
    [Fact]
    public async Task NoFullNumberIsLoggedAtDebugWhileAPhoneIsConfirmedAfterAWrongCode()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        var before = site.Logs.Lines.Count;

        await user.Page.GotoAsync("/manage/phone");
        await user.Page.GetByLabel("Phone number").FillAsync(user.PhoneNumber);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        var code = await user.NextCodeAsync();
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(TestPhone.WrongCodeFor(code));
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong code");
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page.Locator("#phone-status")).ToContainTextAsync("(confirmed)");

        var lines = site.Logs.Lines.Skip(before).ToList();
        Assert.Contains(lines, line => line.Level == LogLevel.Debug);
        var digits = user.PhoneNumber[2..];
        Assert.DoesNotContain(lines, line => Regex.Replace(line.ToString(), "[^0-9]", string.Empty).Contains(digits, StringComparison.Ordinal));
    }
}
