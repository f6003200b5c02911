using System.Diagnostics;
using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Xunit.Abstractions;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The opt-in circuit breaker over real HTTP, against the emulator, through SignInManager.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class CircuitBreakerTests(RedisFixture redis, ITestOutputHelper output)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Opens_under_503s_fails_without_calling_SignalWire_and_closes_when_SignalWire_recovers()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await TestSite.StartAsync(
            redis.Server,
            options =>
            {
                // Long, so that a call that waited for SignalWire could not pass for a fast failure.
                options.Timeout = TimeSpan.FromSeconds(30);
                options.CircuitBreaker.Enabled = true;
                options.CircuitBreaker.MinimumThroughput = 2;
                options.CircuitBreaker.BreakDuration = BreakDuration;
            },
            configureServices: services => services.AddSingleton<TimeProvider>(time));
        var (email, number) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);

        site.Emulator.Faults.FailNext(503, count: 2);
        for (var i = 0; i < 2; i++)
        {
            using var failed = await browser.SendCodeAsync(Sms);
            await Expect.MfaFailureAsync(failed);
        }

        // Open: nothing reaches SignalWire, and the call does not wait for the 30-second timeout.
        site.Emulator.Faults.DelayNext(TimeSpan.FromMinutes(1));
        var watch = Stopwatch.StartNew();
        using var fast = await browser.SendCodeAsync(Sms);
        watch.Stop();
        var failure = await Expect.MfaFailureAsync(fast);
        var open = Assert.IsType<SignalWireMfaException>(site.App.Errors.Last());
        output.WriteLine($"Fast failure with the breaker open, whole HTTP round trip through the test app: {watch.Elapsed.TotalMilliseconds:0.0} ms.");

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable.ToString(), failure.Kind);
        Assert.IsAssignableFrom<BrokenCircuitException>(open.InnerException);
        Assert.Equal(BreakDuration, open.RetryAfter);
        Assert.Equal(2, site.App.SignalWire.Sends);
        Assert.Equal(1, site.Emulator.Faults.Pending);
        Assert.Empty(site.Emulator.Outbox);
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);

        // After the break, one call tests SignalWire; it answers, the breaker closes, and sign-in goes on.
        site.Emulator.Faults.Clear();
        time.Advance(BreakDuration);
        await browser.SendCodeExpectingSuccessAsync(Sms);
        using var verified = await browser.VerifyAsync(Sms, await site.NextCodeAsync(number));
        using var me = await browser.MeAsync();

        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Equal((3, 1), (site.App.SignalWire.Sends, site.App.SignalWire.Verifies));
    }
}
