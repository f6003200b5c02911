using System.Net;
using Identity.SignalWire.Sample.Tests.Support;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>
/// The sample behind a proxy: clients are known by the X-Forwarded-For of a known proxy (loopback, by default), an IPv6
/// client by its /64; registration is rate limited; the development phone answers this machine only.
/// </summary>
public sealed class ProxyTests(RateLimitedSampleSite site) : IClassFixture<RateLimitedSampleSite>
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
    public async Task The_development_phone_answers_only_this_machine()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };

        using var local = await http.GetAsync("/dev/phone");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/dev/phone") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        using var remote = await http.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "ip:2001:db8:1:2::/64")]
    public void Clients_are_partitioned_by_IPv4_address_or_IPv6_64(string address, string expected) =>
        Assert.Equal(expected, Samples.ClientAddress.PartitionKey(IPAddress.Parse(address)));

    private static async Task<HttpStatusCode> RegisterFromAsync(HttpClient http, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/register")
        {
            Headers = { { "X-Forwarded-For", client } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "bot@example.com", ["Password"] = "Sample-Passw0rd!", ["ConfirmPassword"] = "Sample-Passw0rd!" }),
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
