namespace Identity.SignalWire;

/// <summary>Puts the application's one <see cref="SignalWireCircuitBreaker"/> into an HTTP handler chain.</summary>
internal sealed class CircuitBreakerHandler(SignalWireCircuitBreaker breaker) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        breaker.SendAsync(base.SendAsync, request, cancellationToken);
}
