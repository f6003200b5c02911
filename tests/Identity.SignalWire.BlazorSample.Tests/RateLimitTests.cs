using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// ASP.NET Core's rate limiter in front of every Blazor page that sends a code (here: two per window), the Razor sample's
/// settings and page from samples/Shared. The pages are static SSR endpoints, so their [EnableRateLimiting] applies.
/// </summary>
public sealed class RateLimitTests(RateLimitedBlazorSite site) : IClassFixture<RateLimitedBlazorSite>
{
    [Theory]
    [InlineData("Account/LoginWith2fa", SendCodeRateLimitOptions.PolicyName)]
    [InlineData("Account/Manage/PhoneNumber", SendCodeRateLimitOptions.PolicyName)]
    [InlineData("Account/Manage/ConfirmIdentity", SendCodeRateLimitOptions.PolicyName)]
    [InlineData("Account/Register", RegistrationRateLimitOptions.PolicyName)]
    [InlineData("Account/Login", null)]
    [InlineData("Account/Manage/TwoFactorAuthentication", null)]
    public void Each_page_endpoint_carries_its_policy(string route, string? policy)
    {
        var endpoints = site.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => string.Equals(endpoint.RoutePattern.RawText?.TrimStart('/'), route, StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint => Assert.Equal(policy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }

    [Fact]
    public async Task TooManyCodeRequestsGetAReadable429Page()
    {
        var user = await BlazorUser.StartAsync(site);
        await user.RegisterAsync();

        IResponse? last = null;
        for (var i = 0; i < 3; i++)
        {
            await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
            await user.Page.GetByLabel("Phone number").FillAsync("+1201555" + i + "000");
            last = await user.Page.RunAndWaitForResponseAsync(
                () => user.Page.GetByRole(AriaRole.Button, new() { Name = "Send a code to this number" }).ClickAsync(),
                response => response.Request.Method == "POST" && response.Url.EndsWith("/Account/Manage/PhoneNumber", StringComparison.Ordinal));
        }

        Assert.NotNull(last);
        Assert.Equal(429, last.Status);
        Assert.NotNull(await last.HeaderValueAsync("retry-after"));
        await Expect(user.Page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Too many requests");
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("You asked for codes too often. Wait .+, then go back and try again."));

        // Only sending is limited: the pages themselves still open.
        var page = await user.Page.GotoAsync("/Account/Manage/PhoneNumber");
        Assert.Equal(200, page!.Status);
    }
}
