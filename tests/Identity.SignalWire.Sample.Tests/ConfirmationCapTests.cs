using System.Globalization;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// Issue 20, item 1, on the sample: throw-away accounts fill the site's hourly cap on confirmation codes; a newcomer's
/// number then waits, and a user with a confirmed number still gets a sign-in code and signs in.
/// </summary>
public sealed class ConfirmationCapTests(ConfirmationCapSampleSite site) : IClassFixture<ConfirmationCapSampleSite>
{
    [Fact]
    public async Task Confirmations_that_fill_their_cap_leave_sign_in_codes_to_confirmed_numbers_alone()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        var bots = await site.FillConfirmationCapAsync();

        var newcomer = await SiteUser.StartAsync(site);
        await newcomer.RegisterAsync();
        await newcomer.Page.GotoAsync("/manage/phone");
        await newcomer.Page.GetByLabel("Phone number").FillAsync(newcomer.PhoneNumber);
        await newcomer.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
        await Expect(newcomer.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Equal(0, newcomer.MessagesSent());

        await user.LogInAsync();
        await user.SendCodeAsync();
        await user.EnterCodeAsync(await user.NextCodeAsync());

        await user.ExpectSignedInAsync();

        // The user's own phone confirmation took one of the three.
        Assert.Equal(2, bots);
    }
}

/// <summary>The site with a cap of three confirmation codes an hour.</summary>
public sealed class ConfirmationCapSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        .. base.SiteArguments(),
        "--SignalWire:Budgets:MaxSiteConfirmationSendsPerHour=3",
    ];

    /// <summary>Throw-away accounts ask for confirmation codes until the cap refuses one; returns how many went out.</summary>
    public async Task<int> FillConfirmationCapAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        for (var i = 0; ; i++)
        {
            var bot = new IdentityUser($"bot{i}@example.com") { Email = $"bot{i}@example.com" };
            Assert.True((await users.CreateAsync(bot)).Succeeded);
            try
            {
                await users.GenerateChangePhoneNumberTokenAsync(bot, string.Create(CultureInfo.InvariantCulture, $"+120155501{i:D2}"));
            }
            catch (SignalWireSendLimitException refusal)
            {
                Assert.Equal(SignalWireSendLimit.SiteConfirmationHourlyCap, refusal.Limit);
                return i;
            }
        }
    }
}
