using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.UI.DefaultUI;

/// <summary>
/// What the drop-in pages tell the user about a code: where it went, how long it works, how many tries it has left,
/// when a new one can be sent, and why it was refused. The English text is the key (<see cref="UIText"/>).
/// </summary>
internal sealed class CodeWords(IStringLocalizer<UIText> text, TimeProvider time)
{
    /// <summary>Gets the site's clock: what "expires in" and "new code in" are counted from.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Gets the localised text of the pages.</summary>
    public IStringLocalizer Text => text;

    /// <summary>"We sent a text message with your code to +*********23." or the call's words.</summary>
    public string SentTo(SignalWirePendingCode pending) => pending.Channel == SignalWireMfaChannel.Call
        ? text["We are calling {0}: a voice reads your code.", pending.MaskedDestination]
        : text["We sent a text message with your code to {0}.", pending.MaskedDestination];

    /// <summary>"This code works for 4 min more and can be tried 3 more times."; null once it expired.</summary>
    public string? State(SignalWirePendingCode pending) => pending.ExpiresAt > Now
        ? (string)text["This code works for {0} more and can be tried {1} more times.", WaitDuration.InWords(pending.ExpiresAt - Now), pending.AttemptsLeft]
        : null;

    /// <summary>How long until a new code may be sent; zero when now.</summary>
    public TimeSpan ResendWait(SignalWirePendingCode? pending) =>
        pending?.NextSendAt is { } next && next > Now ? next - Now : TimeSpan.Zero;

    /// <summary>"You can ask for a new code in 45 s."; null when a new code may be sent now.</summary>
    public string? ResendNote(SignalWirePendingCode? pending) => ResendWait(pending) is var wait && wait > TimeSpan.Zero
        ? (string)text["You can ask for a new code in {0}.", WaitDuration.InWords(wait)]
        : null;

    /// <summary>What the user typed is not a code at all: nothing was checked or counted.</summary>
    public string Malformed => text["Enter the code from the message, digits only."];

    /// <summary>Why the code just typed was refused, from the pending code before and after the try.</summary>
    public string Refused(SignalWirePendingCode? before, SignalWirePendingCode? after)
    {
        if (before is null)
        {
            return text["This code has expired: send a new one."];
        }

        if (before.AttemptsLeft == 0)
        {
            return text["This code is used up (it was tried too many times): send a new one."];
        }

        return after switch
        {
            null => text["This code can no longer be used: send a new one."],
            { AttemptsLeft: 0 } => text["Wrong code, and this code cannot be tried again: send a new one."],
            _ => text["Wrong code. Check it and try again ({0} tries left for this code).", after.AttemptsLeft],
        };
    }

}
