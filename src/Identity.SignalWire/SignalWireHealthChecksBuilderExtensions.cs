using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>Adds the SignalWire health check.</summary>
public static class SignalWireHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a passive health check of SignalWire: <see cref="HealthStatus.Unhealthy"/> once SignalWire refused the
    /// credentials or when the distributed cache does not answer, <see cref="HealthStatus.Degraded"/> after three
    /// calls in a row found SignalWire unavailable, <see cref="HealthStatus.Healthy"/> otherwise. It reads the outcomes
    /// of recent calls and never calls SignalWire, which would send a text or spend an attempt.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The name of the check. Defaults to <c>"signalwire"</c>.</param>
    /// <param name="failureStatus">The status reported when the check fails. Defaults to <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>"ready"</c>. Defaults to none.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <remarks>Needs <c>AddSignalWireTokenProviders()</c>: the check reads what its client recorded.</remarks>
    public static IHealthChecksBuilder AddSignalWire(
        this IHealthChecksBuilder builder,
        string name = SignalWireDefaults.HealthCheckName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new SignalWireHealthCheck(
                provider.GetService<SignalWireCallOutcomes>() ?? throw new InvalidOperationException(
                    "The SignalWire health check needs the token providers: call AddIdentity<…>().AddSignalWireTokenProviders() as well."),
                provider.GetRequiredService<IDistributedCache>(),
                provider.GetRequiredService<IOptions<SignalWireMfaOptions>>()),
            failureStatus,
            tags));
    }
}
