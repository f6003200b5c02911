using System.ComponentModel.DataAnnotations;

namespace Identity.SignalWire;

/// <summary>
/// Settings of the opt-in circuit breaker in front of SignalWire (<c>SignalWire:CircuitBreaker</c>). When SignalWire
/// keeps failing, the breaker opens and calls fail at once as <see cref="SignalWireMfaErrorKind.ServiceUnavailable"/>
/// instead of each waiting for <see cref="SignalWireMfaOptions.Timeout"/>; after <see cref="BreakDuration"/> one call
/// is let through to test SignalWire, and a success closes the breaker. It never retries: a retried send texts the user
/// twice, a retried verify spends an attempt.
/// </summary>
public sealed class SignalWireCircuitBreakerOptions
{
    /// <summary>Gets or sets whether the circuit breaker is used. Defaults to <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Gets or sets the share of failed calls within <see cref="SamplingDuration"/> that opens the breaker, more than 0
    /// and at most 1. Failures are 5xx answers, 408, timeouts and network failures; a 429 is SignalWire answering and
    /// does not count. Defaults to 0.5.
    /// </summary>
    [Range(0d, 1d, MinimumIsExclusive = true)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets how many calls within <see cref="SamplingDuration"/> the breaker needs before it may open, from 2
    /// to 1,000. Defaults to 5.
    /// </summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>
    /// Gets or sets the window in which failures are counted, from 0.5 seconds to 1 hour. Defaults to 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long the breaker stays open before it lets one call test SignalWire, from 0.5 seconds to
    /// 1 hour. Defaults to 15 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Describes the settings.</summary>
    /// <returns>The settings as text.</returns>
    public override string ToString() =>
        FormattableString.Invariant(
            $"{{ Enabled = {Enabled}, FailureRatio = {FailureRatio}, MinimumThroughput = {MinimumThroughput}, SamplingDuration = {SamplingDuration}, BreakDuration = {BreakDuration} }}");
}
