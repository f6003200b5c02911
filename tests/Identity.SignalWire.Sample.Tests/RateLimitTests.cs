using System.Text.RegularExpressions;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>ASP.NET Core's rate limiter in front of every page that sends a code (here: two per window).</summary>
public sealed class RateLimitTests(RateLimitedSampleSite site) : IClassFixture<RateLimitedSampleSite>
{
    [Fact]
    public async Task TooManyCodeRequestsGetAReadable429Page()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();

        IResponse? last = null;
        for (var i = 0; i < 3; i++)
        {
            await user.Page.GotoAsync("/manage/phone");
            await user.Page.GetByLabel("Phone number").FillAsync("+1201555" + i + "000");
            last = await user.Page.RunAndWaitForResponseAsync(
                () => user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync(),
                response => response.Request.Method == "POST" && response.Url.EndsWith("/manage/phone", StringComparison.Ordinal));
        }

        Assert.NotNull(last);
        Assert.Equal(429, last.Status);
        Assert.NotNull(await last.HeaderValueAsync("retry-after"));
        await Expect(user.Page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Too many requests");
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("You asked for codes too often. Wait .+, then go back and try again."));

        // Only sending is limited: the pages themselves still open.
        var page = await user.Page.GotoAsync("/manage/phone");
        Assert.Equal(200, page!.Status);
    }
}
