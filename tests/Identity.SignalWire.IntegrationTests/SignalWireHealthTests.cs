using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The health check's three states, from what real calls to the emulator came to, with the Redis cache.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SignalWireHealthTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task Healthy_while_SignalWire_answers_degraded_after_three_unavailable_answers_healthy_once_it_answers_again()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var atStart = await CheckAsync(site);
        using var signIn = await site.StartSignInAsync();
        var afterASend = await CheckAsync(site);

        site.Emulator.Faults.FailNext(503, count: SignalWireHealthCheck.DegradedAfter);
        var statuses = new List<HealthStatus>();
        for (var i = 0; i < SignalWireHealthCheck.DegradedAfter; i++)
        {
            using var failed = await signIn.Browser.SendCodeAsync(Sms);
            await Expect.MfaFailureAsync(failed);
            statuses.Add((await CheckAsync(site)).Status);
        }

        using var verified = await signIn.Browser.VerifyAsync(Sms, signIn.Code);
        var recovered = await CheckAsync(site);

        Assert.Equal(HealthStatus.Healthy, atStart.Status);
        Assert.Equal(HealthStatus.Healthy, afterASend.Status);
        Assert.Equal("answers", afterASend.Data["cache"]);
        Assert.Equal([HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Degraded], statuses);
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Fact]
    public async Task Unhealthy_once_SignalWire_refused_the_credentials_without_naming_them()
    {
        const string WrongToken = "PTwrong-token-0123456789abcdef";
        await using var site = await TestSite.StartAsync(redis.Server, options => options.ApiToken = WrongToken);
        var (email, _) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);

        using var refused = await browser.SendCodeAsync(Sms);
        var result = await CheckAsync(site);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(SignalWireMfaErrorKind.Unauthorized, Assert.IsType<SignalWireMfaException>(Assert.Single(site.App.Errors)).Kind);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        var text = result.Description + string.Join(";", result.Data.Select(entry => $"{entry.Key}={entry.Value}"));
        Assert.DoesNotContain(WrongToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Emulator.ProjectId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(redis.Server.Configuration, text, StringComparison.Ordinal);
    }

    private static async Task<HealthReportEntry> CheckAsync(TestSite site)
    {
        var report = await site.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[SignalWireDefaults.HealthCheckName];
    }
}
