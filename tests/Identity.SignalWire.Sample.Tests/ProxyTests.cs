using System.Net;
using Identity.SignalWire.Sample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>The Razor Pages sample behind a proxy (the shared <see cref="Testing.Browser.ProxyTests"/>), and how a client is named.</summary>
public sealed class SampleProxyTests(RateLimitedSampleSite site) : ProxyTests(site), IClassFixture<RateLimitedSampleSite>
{
    protected override string RegisterPath => "/account/register";

    protected override Dictionary<string, string> RegistrationForm => new()
    {
        ["Email"] = "bot@example.com",
        ["Password"] = "Sample-Passw0rd!",
        ["ConfirmPassword"] = "Sample-Passw0rd!",
    };

    [Theory]
    [InlineData("203.0.113.7", "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::", "ip:2001:db8:1:2::/64")]
    public void Clients_are_partitioned_by_IPv4_address_or_IPv6_64(string address, string expected) =>
        Assert.Equal(expected, Samples.ClientAddress.PartitionKey(IPAddress.Parse(address)));
}
