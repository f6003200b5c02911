using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// A passive health check: it reads what the latest calls to SignalWire came to and never calls SignalWire itself
/// (every MFA call sends a text or spends an attempt, so a probe would cost money). It also reads one library key from
/// the distributed cache, where pending codes live. Its description and data hold counts and states only: no
/// credential, number, code or cache address.
/// </summary>
internal sealed class SignalWireHealthCheck(
    SignalWireCallOutcomes callOutcomes,
    IDistributedCache cache,
    IOptions<SignalWireMfaOptions> options) : IHealthCheck
{
    /// <summary>
    /// The unavailable answers in a row that make SignalWire count as degraded: 3. One failure is noise (a dropped
    /// connection, a deploy); three in a row on a healthy service are rare enough to be worth a look, and still few
    /// enough that a quiet site hears of an outage after three users.
    /// </summary>
    internal const int DegradedAfter = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var calls = callOutcomes.Read();
        var cacheFailure = await CacheFailureAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object>
        {
            ["calls"] = calls.Calls,
            ["unavailable_in_a_row"] = calls.UnavailableInARow,
            ["credentials_refused"] = calls.CredentialsRefused,
            ["cache"] = cacheFailure is null ? "answers" : "does not answer",
        };

        if (cacheFailure is not null)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The distributed cache does not answer: pending codes cannot be kept or read, so no code can be sent or checked.{StoreFailureTranslator.Cause(cacheFailure)}",
                data: data);
        }

        if (calls.CredentialsRefused)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                "SignalWire refused the credentials (401/403): check SignalWire:ProjectId, SignalWire:ApiToken and the token's scope.",
                data: data);
        }

        if (calls.UnavailableInARow >= DegradedAfter)
        {
            return HealthCheckResult.Degraded(
                $"The latest {calls.UnavailableInARow} calls to SignalWire found it unavailable (5xx, timeouts, network failures or an open circuit breaker).",
                data: data);
        }

        return HealthCheckResult.Healthy(
            calls.Calls == 0 ? "No call to SignalWire yet; the cache answers." : "SignalWire answered the latest calls; the cache answers.",
            data);
    }

    // A read of a key nobody writes: one cheap round trip that proves the cache is there. Null when it answers.
    private async Task<Exception?> CacheFailureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.GetAsync(options.Value.CacheKeyPrefix + "health", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Kept for its type only: a cache's message can name its server and port.
            return exception;
        }
    }
}
