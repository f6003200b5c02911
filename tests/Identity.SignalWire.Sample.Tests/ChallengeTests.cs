using System.Globalization;
using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// The pumping guard in the browser: bots' confirmation codes, never typed back, stop one range (+1 201 555); a person
/// adding a number there is asked for the site's human check instead of being turned away, and gets the code once it
/// passes. Numbers in other ranges are not asked.
/// </summary>
public sealed class ChallengeTests(GuardedSampleSite site) : IClassFixture<GuardedSampleSite>
{
    [Fact]
    public async Task A_number_in_an_attacked_range_asks_for_a_human_check_and_then_gets_its_code()
    {
        await site.PumpRangeAsync();
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        const string number = "+12015550142";

        await AskForCodeAsync(user, number);

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/challenge$"));
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("One more step");
        await Expect(user.Page.Locator("#challenge-reason")).ToContainTextAsync(number);
        await user.ScreenshotAsync("challenge");
        Assert.Equal(0, site.MessagesTo(number));

        // A wrong answer sends nothing and asks a new question.
        await AnswerAsync(user.Page, wrong: true);
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That did not pass the check. Try again.");
        Assert.Equal(0, site.MessagesTo(number));

        await AnswerAsync(user.Page, wrong: false);

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmphone$"));
        var code = await site.Emulator.Outbox.NextCodeAsync(number, TimeSpan.FromSeconds(15));
        await user.Page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(user.Page.Locator("#phone-status")).ToContainTextAsync("(confirmed)");
    }

    [Fact]
    public async Task A_number_in_another_range_of_the_region_is_not_asked()
    {
        await site.PumpRangeAsync();
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();

        // The user's own fresh +1 201 number, in a range of its own.
        await AskForCodeAsync(user, user.PhoneNumber);

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/confirmphone$"));
        Assert.NotEmpty(await user.NextCodeAsync());
    }

    [Fact]
    public async Task The_challenge_page_without_a_number_waiting_goes_back_to_the_phone_page()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();

        await user.Page.GotoAsync("/manage/challenge");

        await Expect(user.Page).ToHaveURLAsync(new Regex("/manage/phone$"));
    }

    private static async Task AskForCodeAsync(SiteUser user, string number)
    {
        await user.Page.GotoAsync("/manage/phone");
        await user.Page.GetByLabel("Phone number").FillAsync(number);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync();
    }

    // Ticks the box and works out the sum the stand-in asks ("What is 3 + 4?"), or gets it wrong on purpose.
    private static async Task AnswerAsync(IPage page, bool wrong)
    {
        var question = await page.Locator("label[for=human-check-answer]").InnerTextAsync();
        var sum = Regex.Match(question, @"What is (\d+) \+ (\d+)\?");
        Assert.True(sum.Success, question);
        var answer = int.Parse(sum.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(sum.Groups[2].Value, CultureInfo.InvariantCulture) + (wrong ? 1 : 0);
        await page.GetByLabel("I am a person, not a script").CheckAsync();
        await page.GetByLabel(question).FillAsync(answer.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
    }
}

/// <summary>The site with a pumping guard that trips a range after three unverified confirmation codes.</summary>
public sealed class GuardedSampleSite : SampleSite
{
    private int _bots;

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        .. base.SiteArguments(),
        "--SignalWire:PumpingGuard:MinimumSends=3",
        "--SignalWire:PumpingGuard:RegionMinimumSends=1000",
    ];

    /// <summary>How many codes the emulator sent to <paramref name="number"/>.</summary>
    public int MessagesTo(string number) => Emulator.Outbox.Count(message => message.To == number);

    /// <summary>Throw-away accounts ask for confirmation codes to +1 201 555 01xx until the range is stopped.</summary>
    public async Task PumpRangeAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        for (var i = 0; i < 4; i++)
        {
            var n = Interlocked.Increment(ref _bots);
            var bot = new IdentityUser($"bot{n}@example.com") { Email = $"bot{n}@example.com" };
            Assert.True((await users.CreateAsync(bot)).Succeeded);
            try
            {
                await users.GenerateChangePhoneNumberTokenAsync(bot, string.Create(CultureInfo.InvariantCulture, $"+120155501{n % 100:D2}"));
            }
            catch (SignalWireSendLimitException refusal)
            {
                Assert.Equal(SignalWireSendLimit.ChallengeRequired, refusal.Limit);
            }
        }
    }
}
