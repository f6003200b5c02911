using System.Collections.Concurrent;

namespace Identity.SignalWire.Emulator;

/// <summary>The MFA requests sent and not yet spent, with SignalWire's verify rules.</summary>
internal sealed class MfaRequestStore(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, PendingMfaRequest> requests = new();

    public Guid Add(string code, TimeSpan validFor, int maxAttempts)
    {
        var id = Guid.NewGuid();
        requests[id] = new PendingMfaRequest(code, timeProvider.GetUtcNow() + validFor, maxAttempts);
        return id;
    }

    /// <summary>
    /// Checks <paramref name="token"/>. Every call uses one attempt; after a success or the last attempt the request
    /// is spent and forgotten, which answers 404 exactly as an unknown ID does.
    /// </summary>
    public VerifyOutcome Verify(Guid id, string token)
    {
        if (!requests.TryGetValue(id, out var request))
        {
            return VerifyOutcome.NotFound;
        }

        lock (request.Gate)
        {
            if (request.Validated || request.AttemptsUsed >= request.MaxAttempts)
            {
                return VerifyOutcome.NotFound;
            }

            if (timeProvider.GetUtcNow() >= request.ExpiresAt)
            {
                requests.TryRemove(id, out _);
                return VerifyOutcome.NotFound;
            }

            request.AttemptsUsed++;
            // Exact, case-sensitive comparison: SignalWire's alphanumeric codes are upper case, and a client that
            // wants to forgive lower-case input must upper-case it before sending.
            request.Validated = string.Equals(token, request.Code, StringComparison.Ordinal);
            if (request.Validated || request.AttemptsUsed >= request.MaxAttempts)
            {
                requests.TryRemove(id, out _);
            }

            return request.Validated ? VerifyOutcome.Right : VerifyOutcome.Wrong;
        }
    }
}
