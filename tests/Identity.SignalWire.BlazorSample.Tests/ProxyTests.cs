using System.Net;
using Identity.SignalWire.BlazorSample.Tests.Support;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>
/// The Blazor sample behind a proxy, as the Razor sample: clients are known by the X-Forwarded-For of a known proxy
/// (loopback, by default), an IPv6 client by its /64; registration is rate limited; the development phone answers this
/// machine only.
/// </summary>
public sealed class ProxyTests(RateLimitedBlazorSite site) : IClassFixture<RateLimitedBlazorSite>
{
    [Fact]
    public async Task Registration_is_rate_limited_per_client()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        var first = await RegisterFromAsync(http, "203.0.113.7");
        var second = await RegisterFromAsync(http, "203.0.113.7");
        var third = await RegisterFromAsync(http, "203.0.113.7");
        var other = await RegisterFromAsync(http, "203.0.113.8");

        // Without an antiforgery token the page itself refuses (400): the limiter in front of it counts anyway.
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.BadRequest], [first, second, third, other]);
    }

    [Fact]
    public async Task An_IPv6_client_is_limited_by_its_64_network()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        await RegisterFromAsync(http, "2001:db8:1:2::1");
        await RegisterFromAsync(http, "2001:db8:1:2:aaaa::2");
        var sameNetwork = await RegisterFromAsync(http, "2001:db8:1:2:ffff:ffff:ffff:ffff");
        var nextNetwork = await RegisterFromAsync(http, "2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork);
        Assert.Equal(HttpStatusCode.BadRequest, nextNetwork);
    }

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

    [Fact]
    public async Task The_development_phone_answers_only_this_machine()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        using var local = await http.GetAsync("/dev/phone");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/dev/phone") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        using var remote = await http.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    private static async Task<HttpStatusCode> RegisterFromAsync(HttpClient http, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Register")
        {
            Headers = { { "X-Forwarded-For", client } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "register",
                ["Input.Email"] = "bot@example.com",
                ["Input.Password"] = "Sample-Passw0rd!",
                ["Input.ConfirmPassword"] = "Sample-Passw0rd!",
            }),
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
