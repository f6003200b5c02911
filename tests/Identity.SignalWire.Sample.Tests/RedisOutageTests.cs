using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// The sample with <c>ConnectionStrings:Redis</c> set, and Redis stopped at the code step: every page says "try again"
/// on the same step, nothing counts toward lockout, and once Redis is back the same session signs in.
/// </summary>
public sealed class RedisOutageTests(RedisSampleSite site) : IClassFixture<RedisSampleSite>
{
    private const string TryAgain = "Codes cannot be sent or checked right now. Try again in a moment.";

    [Fact]
    public async Task With_Redis_down_sending_and_checking_say_try_again_and_once_it_is_back_the_same_session_signs_in()
    {
        var user = await SiteUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var code = await user.NextCodeAsync();
        var sent = user.MessagesSent();

        await site.Redis.StopAsync();

        // The code typed while Redis is down: the answer is unknown, so the page says so and counts nothing.
        await user.EnterCodeAsync(code);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/twofactorcode"));
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(TryAgain);
        await Expect(user.Page.GetByLabel("Code", new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        // "Send a new code": the budgets cannot be checked, so nothing is sent, and the page keeps the choice.
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a new code" }).ClickAsync();
        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/twofactor\\?|/account/twofactor$"));
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(TryAgain);
        await Expect(user.Page.GetByLabel("Text message (SMS)")).ToBeCheckedAsync();
        await user.ScreenshotAsync("redis-down-send-code");

        // Showing the step again while Redis is down is a page too, not an error.
        await user.Page.ReloadAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(TryAgain);
        await Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" })).ToBeVisibleAsync();

        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(TryAgain);
        Assert.Equal(sent, user.MessagesSent());
        Assert.Equal((0, null), await site.LockoutStateAsync(user.Email));

        // Redis comes back on the same port, empty; the site is not restarted. The user presses Send code again, as
        // the page says, until the site's connections have found Redis again (they reconnect by themselves).
        await site.Redis.RestartAsync();
        await SendUntilAcceptedAsync(user.Page);
        await user.EnterCodeAsync(await user.NextCodeAsync());

        await user.ExpectSignedInAsync();
    }

    [Fact]
    public async Task A_site_started_while_Redis_is_down_says_try_again_and_works_once_Redis_is_up()
    {
        // A site of its own: the Data Protection keys that protect forms and cookies live in Redis, and this site has
        // never read them.
        var down = new RedisSampleSite { RedisDownAtStart = true };
        await down.InitializeAsync();
        try
        {
            var page = await down.NewPageAsync();

            var whileDown = await page.GotoAsync("/account/login");

            Assert.Equal(503, whileDown!.Status);
            Assert.Equal("5", await whileDown.HeaderValueAsync("Retry-After"));
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
                "This page cannot be shown right now. Try again in a moment. Your account is not affected.");

            await down.Redis.RestartAsync();
            await ReloadUntilShownAsync(page);
            var user = new SiteUser(down, page);
            await user.RegisterAsync();
        }
        finally
        {
            await down.DisposeAsync();
        }
    }

    private static async Task ReloadUntilShownAsync(IPage page)
    {
        const int Reloads = 40;
        for (var reload = 1; ; reload++)
        {
            var response = await page.ReloadAsync();
            if (response!.Ok)
            {
                return;
            }

            Assert.Equal(503, response.Status);
            Assert.True(reload < Reloads, $"The site still answered 503 after {Reloads} reloads with Redis back.");
            await page.WaitForTimeoutAsync(500);
        }
    }

    // A bounded number of presses, half a second apart, rather than a deadline on the wall clock.
    private static async Task SendUntilAcceptedAsync(IPage page)
    {
        const int Presses = 40;
        for (var press = 1; ; press++)
        {
            await page.GetByLabel("Text message (SMS)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
            // The first request after Redis restarts waits for the client to reconnect (up to its 10 s connect timeout,
            // longer on a busy machine): the page load may take more than Playwright's default 15 s.
            await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 45_000 });
            if (Regex.IsMatch(page.Url, "/account/twofactorcode"))
            {
                return;
            }

            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(TryAgain);
            Assert.True(press < Presses, $"The site still said to try again after {Presses} presses of Send code with Redis back.");
            await page.WaitForTimeoutAsync(500);
        }
    }
}
