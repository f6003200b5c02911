using Polly.CircuitBreaker;

namespace Identity.SignalWire;

/// <summary>The circuit breaker is open: SignalWire was not called. Carries how long until it lets a call through.</summary>
internal sealed class OpenCircuitException(TimeSpan retryAfter, BrokenCircuitException innerException)
    : BrokenCircuitException("The circuit breaker in front of SignalWire is open.", innerException)
{
    /// <summary>Gets how long until the breaker lets one call test SignalWire again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
