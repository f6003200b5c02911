using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Identity.SignalWire;

/// <summary>
/// The atomic store with its failures translated by <see cref="StoreFailureTranslator"/>: whichever store does the work
/// (Redis, or any distributed cache), a failure reaches the application as
/// <see cref="SignalWireMfaErrorKind.StoreUnavailable"/>. A new operation of <see cref="IAtomicStore"/> is one line
/// here, saying what it does.
/// </summary>
internal sealed class TranslatingAtomicStore(IAtomicStore inner, StoreFailureTranslator translator) : IAtomicStore
{
    public Task<ChargeOutcome> ChargeAsync(SendCharge charge) =>
        translator.RunAsync(() => inner.ChargeAsync(charge), "check the send budgets, so nothing was sent");

    public Task EndCooldownAsync(string key) =>
        translator.RunAsync(() => inner.EndCooldownAsync(key), "end the resend cooldown after a failed send");

    public Task<TimeSpan?> CooldownLeftAsync(string key) =>
        translator.RunAsync(() => inner.CooldownLeftAsync(key), "read the resend cooldown");

    public Task<bool> StorePendingCodeAsync(string key, PendingCode code, TimeSpan lifetime) =>
        translator.RunAsync(() => inner.StorePendingCodeAsync(key, code, lifetime), "keep the code SignalWire sent, so it cannot be checked");

    public Task<PendingCode?> ReadPendingCodeAsync(string key) =>
        translator.RunAsync(() => inner.ReadPendingCodeAsync(key), "read the pending code");

    public Task<bool> RemovePendingCodeAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.RemovePendingCodeAsync(key, requestId), "remove a pending code");

    public Task<AttemptReservation> ReserveAttemptAsync(string key, string requestId, int maxAttempts) =>
        translator.RunAsync(() => inner.ReserveAttemptAsync(key, requestId, maxAttempts), "reserve an attempt of the pending code, so SignalWire was not asked");

    public Task<bool> ReturnAttemptAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.ReturnAttemptAsync(key, requestId), "give back the attempt of a check whose answer is unknown");

    public Task<bool> MarkUsedUpAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.MarkUsedUpAsync(key, requestId), "mark a pending code used up");

    public Task CountVerifiedAsync(IReadOnlyList<string> windowKeys, TimeSpan windowLifetime) =>
        translator.RunAsync(() => inner.CountVerifiedAsync(windowKeys, windowLifetime), "count a verified code for the pumping guard");

    public Task SetClearanceAsync(string key, TimeSpan lifetime) =>
        translator.RunAsync(() => inner.SetClearanceAsync(key, lifetime), "keep the user's clearance for the pumping guard, so the user is not cleared");

    public Task<byte[]> GetOrAddAsync(string key, byte[] value) =>
        translator.RunAsync(() => inner.GetOrAddAsync(key, value), "read the shared hashing key");
}

/// <summary>
/// Turns a failure of the distributed cache or of the atomic store into the exception applications already catch for
/// "not now": <see cref="SignalWireMfaException"/> with <see cref="SignalWireMfaErrorKind.StoreUnavailable"/> and the
/// cache's exception inside. Every call the library makes to either goes through here (the store through
/// <see cref="TranslatingAtomicStore"/>), so that no page has to catch a second, cache-specific exception such as
/// <c>RedisConnectionException</c>. Because the failure is thrown, never answered with <see langword="false"/>,
/// <c>SignInManager</c> does not count it toward lockout.
/// </summary>
/// <remarks>
/// Only calls to the cache and the store come here: a failure of the application's own user store (a database that is
/// down) reaches the application as it is, since "try again" may not be the right answer to it.
/// </remarks>
internal sealed partial class StoreFailureTranslator(ILogger<StoreFailureTranslator> logger)
{
    /// <summary>Runs <paramref name="operation"/>, a call to the cache or the store.</summary>
    /// <param name="operation">The call.</param>
    /// <param name="failedTo">What the call does, worded to follow "The distributed cache failed to …".</param>
    /// <exception cref="SignalWireMfaException">The call failed; <see cref="SignalWireMfaErrorKind.StoreUnavailable"/>.</exception>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, string failedTo)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            throw Unavailable(failedTo, exception);
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, string)"/>
    public async Task RunAsync(Func<Task> operation, string failedTo)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            throw Unavailable(failedTo, exception);
        }
    }

    // A cancellation is the caller's own doing, and a SignalWireMfaException already says what to do: both pass as they are.
    private static bool IsStoreFailure(Exception exception) =>
        exception is not (OperationCanceledException or SignalWireMfaException);

    // The message is the library's own: the cache's message (which can name its server) stays in the inner exception.
    private SignalWireMfaException Unavailable(string failedTo, Exception cause)
    {
        Log.StoreUnavailable(logger, failedTo, cause);
        return new SignalWireMfaException(
            SignalWireMfaErrorKind.StoreUnavailable,
            $"The distributed cache failed to {failedTo}.{Cause(cause)} Codes can be neither sent nor checked until it answers again: " +
            "tell the user to try again in a moment. The inner exception holds the cache's own error.",
            innerException: cause);
    }

    // Redis configured but not running, or not reachable from here (a site started before its Redis, a wrong host or
    // port): the most common first failure, and the one whose own message is a page of connection counters.
    internal static string Cause(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is RedisConnectionException)
            {
                return " No connection to Redis could be made: check that the Redis server the cache is configured with runs and that this machine reaches it.";
            }
        }

        return string.Empty;
    }

    private static partial class Log
    {
        [LoggerMessage(301, LogLevel.Warning, "The distributed cache failed to {Operation}; codes can be neither sent nor checked until it answers again.", EventName = "StoreUnavailable")]
        public static partial void StoreUnavailable(ILogger logger, string operation, Exception exception);
    }
}
