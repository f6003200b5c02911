namespace Identity.SignalWire.Sample.SignIn;

/// <summary>Sends a code and turns the library's refusals and failures into what the page tells the user.</summary>
public static class CodeSending
{
    /// <summary>
    /// Runs <paramref name="send"/>. Returns <see langword="null"/> when the code went out, otherwise the message to
    /// show: the send budget's own words with the wait, or <paramref name="unavailable"/>'s for a SignalWire failure.
    /// </summary>
    public static async Task<string?> TrySendAsync(
        Func<Task> send, ILogger logger, string action, Func<SignalWireMfaException, string> unavailable)
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
            return CodeMessages.SendRefused(exception);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, action, exception);
            return unavailable(exception);
        }
    }
}
