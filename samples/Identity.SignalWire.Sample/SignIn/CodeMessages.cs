using System.Globalization;
using Identity.SignalWire.Samples;

namespace Identity.SignalWire.Sample.SignIn;

/// <summary>What the user reads when a code cannot be sent or is refused: plain words and, when known, the wait.</summary>
public static class CodeMessages
{
    /// <summary>
    /// The site's own cache (Redis) failed, so codes can be neither sent nor checked: nothing was sent and nothing was
    /// counted. Not "SignalWire is unavailable": SignalWire may well be up.
    /// </summary>
    public const string StoreUnavailable = "Codes cannot be sent or checked right now. Try again in a moment. Your account is not affected.";

    /// <summary>
    /// A code could not be sent or checked: SignalWire is down, rate limited or misconfigured, or the site's cache
    /// failed. The account is not affected.
    /// </summary>
    public static string Unavailable(SignalWireMfaException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.Kind == SignalWireMfaErrorKind.StoreUnavailable)
        {
            return StoreUnavailable;
        }

        var text = "SignalWire is unavailable, try again in a moment.";
        return exception.RetryAfter is { } wait && wait > TimeSpan.Zero
            ? text + " (Wait about " + Duration(wait) + ".)"
            : text + " Your account is not affected.";
    }

    /// <summary>SignalWire refused the number itself when a new number was being confirmed.</summary>
    public const string NumberRefused = "SignalWire could not send a code to this number. Check the number and try again.";

    /// <summary>One of the library's send budgets refused the code before anything was sent.</summary>
    public static string SendRefused(SignalWireSendLimitException exception) =>
        // The library releases the cooldown when a send fails, so a running one always follows a code that went out.
        SendRefusals.Describe(exception, wait => "A code was sent a moment ago. You can ask for a new code in " + wait + ".");

    /// <summary>
    /// Why the code just typed was refused, from the library's state of the pending code before and after the try.
    /// </summary>
    /// <param name="before">The pending code before the try; <see langword="null"/> when none was pending.</param>
    /// <param name="after">The pending code after the try; <see langword="null"/> when it is gone.</param>
    public static string Refused(SignalWirePendingCode? before, SignalWirePendingCode? after)
    {
        if (before is null)
        {
            return "This code has expired: send a new one.";
        }

        if (before.AttemptsLeft == 0)
        {
            return "This code is used up (it was tried too many times): send a new one.";
        }

        return after switch
        {
            null => "This code can no longer be used: send a new one.",
            { AttemptsLeft: 0 } => "Wrong code, and this code cannot be tried again: send a new one.",
            { AttemptsLeft: 1 } => "Wrong code. Check it and try again (1 try left for this code).",
            _ => string.Create(CultureInfo.InvariantCulture, $"Wrong code. Check it and try again ({after.AttemptsLeft} tries left for this code)."),
        };
    }

    /// <summary>How long until a new code may be asked for; zero when it may be now.</summary>
    public static TimeSpan ResendWait(SignalWirePendingCode? pending, DateTimeOffset now) =>
        pending?.NextSendAt is { } next && next > now ? next - now : TimeSpan.Zero;

    /// <summary>"45 s", "3 min", "2 h": whole units, rounded up so that nobody retries too early.</summary>
    public static string Duration(TimeSpan wait) => SendRefusals.Duration(wait);
}
