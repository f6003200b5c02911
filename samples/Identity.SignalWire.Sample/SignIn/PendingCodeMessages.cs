using System.Globalization;
using Identity.SignalWire.Samples;

namespace Identity.SignalWire.Sample.SignIn;

/// <summary>
/// What a page says about the code waiting for the user, from the library's <see cref="SignalWirePendingCode"/>: why
/// the code just typed was refused, and how long until a new one may be asked for.
/// </summary>
/// <remarks>
/// Why a code could not be sent or checked is not here: the library words every refusal and outage itself
/// (<see cref="SignalWireMfaException.UserMessage"/>, see <see cref="CodeSending"/>). A wrong code is not a failure
/// the library throws, only a state it reports, so these words stay the page's own.
/// </remarks>
public static class PendingCodeMessages
{
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
    public static string Duration(TimeSpan wait) => WaitInWords.Duration(wait);
}
