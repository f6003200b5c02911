using System.Net;
using Xunit;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>
/// A sample behind a proxy: clients are known by the X-Forwarded-For of a known proxy (loopback, by default), an IPv6
/// client by its /64; registration is rate limited per client; the development phone answers this machine only. Both
/// samples share the settings (samples/Shared), so each sample's tests derive from this class with their own site (one
/// whose registration limit is 2) and the registration form they post.
/// </summary>
public abstract class ProxyTests(BrowserTestSite site)
{
    /// <summary>The registration page's address.</summary>
    protected abstract string RegisterPath { get; }

    /// <summary>The fields of a registration form, without its antiforgery token.</summary>
    protected abstract Dictionary<string, string> RegistrationForm { get; }

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
    public async Task The_development_phone_answers_only_this_machine()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        using var local = await http.GetAsync("/dev/phone");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/dev/phone") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        using var remote = await http.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    private async Task<HttpStatusCode> RegisterFromAsync(HttpClient http, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RegisterPath)
        {
            Headers = { { "X-Forwarded-For", client } },
            Content = new FormUrlEncodedContent(RegistrationForm),
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
