using System.Net;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>The Blazor sample behind a proxy, as the Razor sample (the shared <see cref="Testing.Browser.ProxyTests"/>).</summary>
public sealed class BlazorProxyTests(RateLimitedBlazorSite site) : ProxyTests(site), IClassFixture<RateLimitedBlazorSite>
{
    protected override string RegisterPath => "/Account/Register";

    protected override Dictionary<string, string> RegistrationForm => new()
    {
        ["_handler"] = "register",
        ["Input.Email"] = "bot@example.com",
        ["Input.Password"] = "Sample-Passw0rd!",
        ["Input.ConfirmPassword"] = "Sample-Passw0rd!",
    };

    [Fact]
    public async Task Showing_the_registration_page_is_not_limited()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Register") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
