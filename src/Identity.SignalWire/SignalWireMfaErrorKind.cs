namespace Identity.SignalWire;

/// <summary>Why a code could not be sent or checked: SignalWire failed, a send budget refused, or the cache failed.</summary>
public enum SignalWireMfaErrorKind
{
    /// <summary>401 or 403: the project ID or API token is wrong, or the token lacks the scope MFA needs.</summary>
    Unauthorized,

    /// <summary>422 (or another 4xx): SignalWire rejected the request; <see cref="SignalWireMfaException.Attribute"/> names the field.</summary>
    InvalidRequest,

    /// <summary>429: too many requests; see <see cref="SignalWireMfaException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx, a timeout, a network failure or an unreadable answer: try again later.</summary>
    ServiceUnavailable,

    /// <summary>
    /// This application's own send budget refused the code before any call to SignalWire
    /// (<see cref="SignalWireSendLimitException"/>).
    /// </summary>
    SendLimitExceeded,

    /// <summary>
    /// The distributed cache (Redis in production), where pending codes and send budgets live, failed or did not
    /// answer: nothing was sent to SignalWire, and the answer to a check is unknown. Try again in a moment;
    /// <see cref="System.Exception.InnerException"/> holds the cache's own exception.
    /// </summary>
    StoreUnavailable,
}
