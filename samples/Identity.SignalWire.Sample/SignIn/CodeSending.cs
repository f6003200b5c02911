namespace Identity.SignalWire.Sample.SignIn;

/// <summary>
/// Sends a code or reads a code's state, and turns the library's refusals and failures into what the page tells the
/// user: the library's own words (<see cref="SignalWireMfaException.UserMessage"/>), in the request's language.
/// </summary>
public static class CodeSending
{
    /// <summary>
    /// Runs <paramref name="send"/>. Returns <see langword="null"/> when the code went out, otherwise the message to
    /// show: why nothing was sent and what to do (the wait, for a resend too soon).
    /// </summary>
    public static async Task<string?> TrySendAsync(Func<Task> send, ILogger logger, string action)
    {
        try
        {
            // The library returns string.Empty: SignalWire sends the code, the site never sees it.
            await send();
            return null;
        }
        catch (SignalWireSendLimitException exception)
        {
            SignInLog.SendRefused(logger, exception.Limit);
            return exception.UserMessage;
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, action, exception);
            return exception.UserMessage;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/>, a read of the library's state. Returns <see langword="null"/> when it worked,
    /// otherwise the "try again in a moment" message: the page then shows without the state instead of failing.
    /// </summary>
    public static async Task<string?> TryReadAsync(Func<Task> read, ILogger logger)
    {
        try
        {
            await read();
            return null;
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "reading a code's state", exception);
            return exception.UserMessage;
        }
    }
}
