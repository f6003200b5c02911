using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Identity.SignalWire;

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
