namespace Identity.SignalWire;

/// <summary>
/// A code was not sent because a send budget refused it; no request reached SignalWire. <see cref="SignalWireMfaException.RetryAfter"/>
/// says when the same request can succeed (<see langword="null"/> for a number, region or kind of number that is never allowed).
/// </summary>
public sealed class SignalWireSendLimitException : SignalWireMfaException
{
    /// <summary>Creates the exception for a refused send.</summary>
    /// <param name="limit">The budget that refused the send.</param>
    /// <param name="message">What was refused and when to try again; never a full number.</param>
    /// <param name="retryAfter">When the same request can succeed, if ever.</param>
    public SignalWireSendLimitException(SignalWireSendLimit limit, string message, TimeSpan? retryAfter)
        : base(SignalWireMfaErrorKind.SendLimitExceeded, message, retryAfter: retryAfter)
    {
        Limit = limit;
    }

    /// <summary>Gets the budget that refused the send.</summary>
    public SignalWireSendLimit Limit { get; }
}
