using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Refuses, when the host starts, an HTTP client for SignalWire that would do harm: one with a resilience handler
/// (<c>AddStandardResilienceHandler</c>, <c>AddStandardHedgingHandler</c>, <c>AddResilienceHandler</c>), which may
/// retry or hedge the POSTs — a second text, a spent attempt — and one whose <see cref="HttpClient.Timeout"/> would cut
/// <see cref="SignalWireMfaOptions.Timeout"/> short.
/// </summary>
internal sealed class SignalWireHttpClientCheck(
    IHttpClientFactory clients,
    IHttpMessageHandlerFactory handlers,
    IOptions<SignalWireMfaOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The factory caches the chain it builds here for the client's first calls: nothing is built twice.
        for (var handler = handlers.CreateHandler(SignalWireDefaults.HttpClientName); handler is DelegatingHandler outer; handler = outer.InnerHandler)
        {
            if (handler is ResilienceHandler)
            {
                throw new InvalidOperationException(
                    $"The HttpClient \"{SignalWireDefaults.HttpClientName}\" has a resilience handler (AddStandardResilienceHandler, AddStandardHedgingHandler or AddResilienceHandler). It may retry or hedge SignalWire's POSTs, which texts the user twice or spends an attempt. Remove it; for a circuit breaker set SignalWire:CircuitBreaker:Enabled to true.");
            }
        }

        using var client = clients.CreateClient(SignalWireDefaults.HttpClientName);
        var timeout = options.Value.Timeout;
        if (client.Timeout != Timeout.InfiniteTimeSpan && client.Timeout < timeout)
        {
            throw new InvalidOperationException(SignalWireMfaClient.TimeoutConflict(client.Timeout, timeout));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
