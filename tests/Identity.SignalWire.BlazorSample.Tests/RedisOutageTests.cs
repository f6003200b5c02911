using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// The sample with <c>ConnectionStrings:Redis</c> set, and Redis stopped at the code step: the components say "try
/// again" on the same step, nothing counts toward lockout, and once Redis is back the same session signs in.
/// </summary>
public sealed class RedisOutageTests(RedisBlazorSite site) : IClassFixture<RedisBlazorSite>
{
    private const string TryAgain = "Codes cannot be sent or checked right now. Try again in a moment.";

    [Fact]
    public async Task With_Redis_down_the_code_step_says_try_again_and_once_it_is_back_the_same_session_signs_in()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.SetUpTwoFactorAsync();
        await user.LogInAsync();
        await user.SendCodeAsync();
        var code = await user.Phone.NextCodeAsync();
        var sent = user.Phone.MessagesSent();

        await site.Redis.StopAsync();

        // The code typed while Redis is down: the answer is unknown, so the page says so and counts nothing.
        await user.EnterCodeAsync(code);
        await user.ExpectMessageAsync(TryAgain);
        await Expect(user.Page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        Assert.Equal(0, (await site.LockoutStateAsync(user.Email)).AccessFailedCount);

        // Showing the step again, and asking for a code, are pages too, not errors; nothing is sent.
        await user.Page.GotoAsync(user.Page.Url);
        await user.ExpectMessageAsync(TryAgain);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await user.ExpectMessageAsync(TryAgain);
        Assert.Equal(sent, user.Phone.MessagesSent());
        Assert.Equal((0, null), await site.LockoutStateAsync(user.Email));

        // Redis comes back on the same port, empty; the site is not restarted. The user presses Send code again, as
        // the page says, until the site's connection has found Redis again (it reconnects by itself).
        await site.Redis.RestartAsync();
        for (var press = 1; ; press++)
        {
            await user.Page.GetByLabel("Text message (SMS)").CheckAsync();
            await user.Page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
            await user.Page.WaitForLoadStateAsync();
            if (await user.Page.Locator("#sent-to").CountAsync() > 0)
            {
                break;
            }

            await user.ExpectMessageAsync(TryAgain);
            Assert.True(press < 40, "The site still said to try again after 40 presses of Send code with Redis back.");
            await user.Page.WaitForTimeoutAsync(500);
        }

        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
    }
}
