using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Identity.SignalWire;

/// <summary>
/// The opt-in circuit breaker (<see cref="SignalWireMfaOptions.CircuitBreaker"/>): one Polly circuit breaker for the
/// whole application, so that its state outlives the HTTP handlers <c>IHttpClientFactory</c> recycles. It has no retry
/// and no hedging on purpose: SignalWire's MFA calls are POSTs that text a user or spend an attempt.
/// </summary>
internal sealed class SignalWireCircuitBreaker
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;
    private long _closesAtUtcTicks;

    public SignalWireCircuitBreaker(IOptions<SignalWireMfaOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        _time = time;
        var settings = options.Value.CircuitBreaker;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = static arguments => ValueTask.FromResult(IsFailure(arguments.Outcome)),
                OnOpened = arguments =>
                {
                    Volatile.Write(ref _closesAtUtcTicks, (_time.GetUtcNow() + arguments.BreakDuration).UtcTicks);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Sends through the breaker. While it is open, throws <see cref="OpenCircuitException"/> at once, without calling
    /// <paramref name="send"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<HttpResponseMessage>(state.send(state.request, token)),
                (send, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            var left = new DateTimeOffset(Volatile.Read(ref _closesAtUtcTicks), TimeSpan.Zero) - _time.GetUtcNow();
            throw new OpenCircuitException(left > TimeSpan.Zero ? left : TimeSpan.Zero, exception);
        }
    }

    // What says SignalWire is down: a 5xx or 408, a network failure, or no answer in time. The client's own timeout
    // reaches the breaker as a cancellation (the providers never cancel a call themselves). A 429 is SignalWire
    // answering; it keeps its own kind, RateLimited, with its Retry-After.
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or OperationCanceledException or IOException
        || outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);
}
