using System.Net;
using System.Net.Sockets;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Redis is configured but nothing answers at its address from the start (issue 23, item 3): the site starts, as
/// Microsoft's Redis cache lets it, and the health check and the first send say what is wrong.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisUnreachableAtStartTests
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task The_site_starts_and_the_health_check_and_the_first_send_say_Redis_cannot_be_reached()
    {
        var redis = new UnreachableRedis();
        await using var site = await TestSite.StartAsync(redis);
        var (email, _) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);

        var health = (await site.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[SignalWireDefaults.HealthCheckName];
        using var send = await browser.SendCodeAsync(Sms);

        const string NoConnection = "No connection to Redis could be made: check that the Redis server the cache is configured with runs and that this machine reaches it.";
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal(
            "The distributed cache does not answer: pending codes cannot be kept or read, so no code can be sent or checked. " + NoConnection,
            health.Description);
        Assert.Equal(nameof(SignalWireMfaErrorKind.StoreUnavailable), (await Expect.MfaFailureAsync(send)).Kind);
        var error = Assert.IsType<SignalWireMfaException>(Assert.Single(site.App.Errors));
        Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, error.Kind);
        Assert.StartsWith("The distributed cache failed to ", error.Message, StringComparison.Ordinal);
        Assert.Contains(NoConnection, error.Message, StringComparison.Ordinal);
        Assert.IsType<RedisConnectionException>(error.InnerException);
        // Neither names the server: its address stays in the inner exception.
        Assert.DoesNotContain(redis.Configuration, health.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(redis.Configuration, error.Message, StringComparison.Ordinal);
        Assert.Empty(site.Emulator.Outbox);
    }

    /// <summary>A Redis address where nothing listens: a loopback port the system just gave out and took back.</summary>
    private sealed class UnreachableRedis : RedisDeployment
    {
        public UnreachableRedis()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            // Short timeouts, so that each failure comes in about a second rather than StackExchange.Redis's five.
            Configuration = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port},connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000";
        }

        public override string Configuration { get; }
    }
}
