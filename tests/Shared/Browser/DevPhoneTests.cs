using System.Net;
using Xunit;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>
/// The development phone shows every number and code: it answers this machine only (issue 18), in both samples. Each
/// sample's tests derive from this class with their own site.
/// </summary>
public abstract class DevPhoneTests(BrowserTestSite site)
{
    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.5")]
    [InlineData("2001:db8::7")]
    public async Task DevPhoneAnswers404ToAnotherMachine(string address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/phone") { Headers = { { BrowserTestSite.SimulatedCallerHeader, address } } };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<h1>Development phone</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("::1")]
    public async Task DevPhoneAnswersThisMachine(string? address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/phone");
        if (address is not null)
        {
            request.Headers.Add(BrowserTestSite.SimulatedCallerHeader, address);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Development phone</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
