using System.Net;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Identity.SignalWire.Tests.Client;

public sealed class CircuitBreakerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Opens_after_failures_then_fails_without_calling_SignalWire_and_closes_once_it_answers()
    {
        using var context = BreakerContext();
        context.Handler.AnswerNext(HttpStatusCode.ServiceUnavailable, "{}");
        context.Handler.AnswerNext(HttpStatusCode.InternalServerError, "{}");
        // A call that reached SignalWire now would hang until SignalWire:Timeout (30 s); it must not be reached.
        context.Handler.Overrides.Enqueue(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return FakeSignalWireHandler.Json(HttpStatusCode.OK, "{}");
        });

        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var open = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        // The client's own figure for the fast failure (the time from sending to the open breaker's refusal).
        var refusal = context.Logs.GetSnapshot().Last(record => record.Id.Name == "NoAnswer");
        output.WriteLine($"Open breaker: {refusal.Message}");

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, open.Kind);
        Assert.Contains("circuit breaker open", refusal.Message, StringComparison.Ordinal);
        Assert.True(open.IsTransient);
        Assert.Null(open.StatusCode);
        Assert.IsAssignableFrom<BrokenCircuitException>(open.InnerException);
        Assert.Equal(BreakDuration - TimeSpan.FromSeconds(5), open.RetryAfter);
        Assert.Contains("SignalWire:CircuitBreaker", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, context.Handler.Requests.Count);
        Assert.Single(context.Handler.Overrides);

        // After the break one call tests SignalWire; its success closes the breaker.
        context.Handler.Overrides.Clear();
        _time.Advance(BreakDuration);
        var sent = await context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, new SignalWireMfaCodeRequest { To = "+12015550123" });
        Assert.Equal(SignalWireMfaVerifyResult.Valid, await context.Client.VerifyAsync(sent.RequestId, "123456"));
        Assert.Equal(4, context.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_counts_as_a_failure()
    {
        using var context = BreakerContext(options => options.Timeout = TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 2; i++)
        {
            context.Handler.Overrides.Enqueue(async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return FakeSignalWireHandler.Json(HttpStatusCode.OK, "{}");
            });
        }

        var first = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        var open = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.IsAssignableFrom<OperationCanceledException>(first.InnerException);
        Assert.IsAssignableFrom<BrokenCircuitException>(open.InnerException);
        Assert.Equal(2, context.Handler.Requests.Count);
    }

    [Fact]
    public async Task Rate_limiting_and_rejections_do_not_open_it()
    {
        using var context = BreakerContext();
        for (var i = 0; i < 3; i++)
        {
            context.Handler.AnswerNext(HttpStatusCode.TooManyRequests, "{}");
            context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity, "{}");
        }

        for (var i = 0; i < 6; i++)
        {
            var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
            Assert.NotEqual(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        }

        Assert.Equal(6, context.Handler.Requests.Count);
    }

    [Fact]
    public async Task It_never_retries_a_POST()
    {
        using var context = BreakerContext(options => options.CircuitBreaker.MinimumThroughput = 100);
        for (var i = 0; i < 5; i++)
        {
            context.Handler.AnswerNext(HttpStatusCode.ServiceUnavailable, "{}");
        }

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, new SignalWireMfaCodeRequest { To = "+12015550123" }));
        }

        Assert.Equal(5, context.Handler.Requests.Count);
    }

    [Fact]
    public async Task It_is_off_unless_enabled()
    {
        using var context = new ClientTestContext();
        for (var i = 0; i < 10; i++)
        {
            context.Handler.AnswerNext(HttpStatusCode.ServiceUnavailable, "{}");
        }

        for (var i = 0; i < 10; i++)
        {
            var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        }

        Assert.Equal(10, context.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_standard_resilience_handler_on_the_SignalWire_client_is_refused_at_start_up()
    {
        using var host = Host(services => services.AddHttpClient(SignalWireDefaults.HttpClientName).AddStandardResilienceHandler());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("resilience handler", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignalWire:CircuitBreaker:Enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HttpClient_Timeout_shorter_than_SignalWire_Timeout_is_refused_at_start_up()
    {
        using var host = Host(services => services.AddHttpClient(SignalWireDefaults.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(2)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("HttpClient's Timeout (2 s) is shorter than SignalWire:Timeout (10 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_breaker_and_a_handler_of_the_application_start_without_complaint()
    {
        using var host = Host(services => services.AddHttpClient(SignalWireDefaults.HttpClientName).AddHttpMessageHandler(() => new PassThroughHandler()),
            options => options.CircuitBreaker.Enabled = true);

        await host.StartAsync();
        await host.StopAsync();
    }

    private ClientTestContext BreakerContext(Action<SignalWireMfaOptions>? configure = null) =>
        new(
            options =>
            {
                options.Timeout = TimeSpan.FromSeconds(30);
                options.CircuitBreaker.Enabled = true;
                options.CircuitBreaker.MinimumThroughput = 2;
                options.CircuitBreaker.FailureRatio = 0.5;
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                options.CircuitBreaker.BreakDuration = BreakDuration;
                configure?.Invoke(options);
            },
            services => services.AddSingleton<TimeProvider>(_time));

    private static IHost Host(Action<IServiceCollection> configureServices, Action<SignalWireMfaOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddIdentityCore<IdentityUser>().AddSignalWireTokenProviders(options =>
        {
            options.SpaceName = "example";
            options.ProjectId = IdentityTestHost.ProjectId;
            options.ApiToken = IdentityTestHost.ApiToken;
            // One process with an in-memory cache, in the host's default environment (Production): said, as a site must.
            options.SingleInstance = true;
            configure?.Invoke(options);
        });
        configureServices(builder.Services);
        return builder.Build();
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
