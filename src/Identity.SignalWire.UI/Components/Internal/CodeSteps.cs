using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Components.Internal;

/// <summary>
/// What every code component does around the library: reads the pending code, runs a send or a check so that a
/// refusal or an outage becomes a sentence on the same page instead of an error page, and puts the code's state into
/// words in the request's language. The facts come from <see cref="SignalWirePendingCodes{TUser}"/>; nothing here guesses.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
internal sealed class CodeSteps<TUser>(
    SignalWirePendingCodes<TUser> pendingCodes,
    CodeBox box,
    TimeProvider timeProvider,
    IStringLocalizer<SignalWireUIText> text,
    ILogger<CodeSteps<TUser>> logger)
    where TUser : class
{
    /// <summary>Gets the current time on the site's clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Gets the code box settings.</summary>
    public CodeBox Box => box;

    /// <summary>Gets the translations.</summary>
    public IStringLocalizer Text => text;

    /// <summary>Gets the hint under a code box: "6 digits".</summary>
    public string Hint => box.AllowAlphas ? text["{0} letters or digits", box.Length] : text["{0} digits", box.Length];

    /// <summary>The code pending for <paramref name="user"/>; on an outage, none, and the words for it.</summary>
    public async Task<(SignalWirePendingCode? Pending, string? Error)> FindAsync(TUser user, string purpose)
    {
        try
        {
            return (await pendingCodes.FindAsync(user, purpose), null);
        }
        catch (SignalWireMfaException exception)
        {
            UILog.CodesUnavailable(logger, "read", exception.Kind, (int?)exception.StatusCode, exception);
            return (null, Unavailable(exception));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>, a send or a check: <see langword="null"/> when it ran, otherwise what to tell the
    /// user (a send budget's refusal with the wait, or "try again in a moment" for an outage).
    /// </summary>
    public async Task<string?> TryAsync(string action, Func<Task> work, Func<SignalWireMfaException, string>? describe = null)
    {
        try
        {
            await work();
            return null;
        }
        catch (SignalWireSendLimitException exception)
        {
            UILog.SendRefused(logger, exception.Limit);
            return exception.UserMessage;
        }
        catch (SignalWireMfaException exception)
        {
            UILog.CodesUnavailable(logger, action, exception.Kind, (int?)exception.StatusCode, exception);
            return (describe ?? Unavailable)(exception);
        }
    }

    /// <summary>
    /// Sends with <paramref name="send"/>, then reads the new pending code. A send that failed changed nothing, so the
    /// store is not read again (with Redis down, that would only wait on it once more).
    /// </summary>
    public async Task<(SignalWirePendingCode? Pending, string? Message)> SendAsync(
        TUser user, string purpose, Func<Task> send, Func<SignalWireMfaException, string>? describe = null)
    {
        var message = await TryAsync("sent", send, describe);
        return message is not null ? (null, message) : await FindAsync(user, purpose);
    }

    /// <summary>Whether <paramref name="code"/> can be a code at all; a typo never counts as a failed sign-in.</summary>
    public bool LooksLikeCode(string? code) => pendingCodes.IsWellFormed(code);

    /// <summary>Whether <paramref name="pending"/> can still be typed (not expired, tries left).</summary>
    public bool CanBeTyped(SignalWirePendingCode? pending) => pending is not null && pending.ExpiresAt > Now && pending.AttemptsLeft > 0;

    /// <summary>"Enter the code: 6 digits."</summary>
    public string Malformed => text["Enter the code: {0}.", Hint];

    /// <summary>
    /// Why the pending code cannot be tried at all (checked before SignalWire sees it, so that a code that cannot
    /// succeed never counts toward lockout); <see langword="null"/> when it can.
    /// </summary>
    /// <param name="pending">The code pending now.</param>
    /// <param name="shownExpiresAt">When the code the page showed expires, in Unix seconds, posted back by the form.</param>
    public string? Unusable(SignalWirePendingCode? pending, long? shownExpiresAt) => pending switch
    {
        null when ShownExpiry(shownExpiresAt) <= Now => text["This code has expired: send a new one."].Value,
        null => text["No code is waiting for you (it was used up, or it expired): send a new one."].Value,
        _ when pending.ExpiresAt <= Now => text["This code has expired: send a new one."].Value,
        _ when pending.AttemptsLeft <= 0 => text["This code is used up (it was tried too many times): send a new one."].Value,
        _ => null,
    };

    /// <summary>Why a code that could be tried was refused, from the state after the try.</summary>
    public string Refused(SignalWirePendingCode? after) => after switch
    {
        { AttemptsLeft: 1 } => text["Wrong code. Check it and try again (1 try left for this code)."],
        { AttemptsLeft: > 1 and var left } => text["Wrong code. Check it and try again ({0} tries left for this code).", left],
        _ => text["Wrong code, and this code cannot be tried again: send a new one."],
    };

    /// <summary>"We sent a code by text message to the number ending in 67."</summary>
    public string SentTo(SignalWirePendingCode pending)
    {
        // Whole sentences, not a sentence around a phrase: "au numéro", "al número" change with what follows.
        var byCall = pending.Channel == SignalWireMfaChannel.Call;
        if (pending.MaskedDestination is { Length: >= 2 } masked)
        {
            return byCall
                ? text["We are calling the number ending in {0}: answer, and a voice reads your code.", masked[^2..]]
                : text["We sent a code by text message to the number ending in {0}.", masked[^2..]];
        }

        return byCall
            ? text["We are calling your phone: answer, and a voice reads your code."]
            : text["We sent a code by text message to your phone."];
    }

    /// <summary>"It works for another 10 min, and 3 tries are left."</summary>
    public string Lifetime(SignalWirePendingCode pending)
    {
        if (pending.ExpiresAt <= Now)
        {
            return text["It has expired."];
        }

        var duration = WaitDuration.InWords(pending.ExpiresAt - Now);
        return pending.AttemptsLeft == 1
            ? text["It works for another {0}, and 1 try is left.", duration]
            : text["It works for another {0}, and {1} tries are left.", duration, pending.AttemptsLeft];
    }

    /// <summary>How long until a new code may be sent; zero when it may be now.</summary>
    public TimeSpan ResendWait(SignalWirePendingCode? pending) =>
        pending?.NextSendAt is { } next && next > Now ? next - Now : TimeSpan.Zero;

    /// <summary>"You can ask for a new code in 25 s."</summary>
    public string Cooldown(TimeSpan wait) => text["You can ask for a new code in {0}.", WaitDuration.InWords(wait)];

    /// <summary>"Please wait: You can ask for a new code in 25 s."</summary>
    public string PleaseWait(TimeSpan wait) => text["Please wait: You can ask for a new code in {0}.", WaitDuration.InWords(wait)];

    /// <summary>
    /// What the user reads when SignalWire or the store that holds pending codes could not be used, or a send budget
    /// refused the code: the library's own sentence in the request's language, never the operator's message.
    /// </summary>
    public static string Unavailable(SignalWireMfaException exception) => exception.UserMessage;



    // The hidden field comes back from the browser: a number no date can hold was not written by this page, so it
    // counts as no expiry shown (FromUnixTimeSeconds would throw, a 500).
    private static DateTimeOffset? ShownExpiry(long? seconds) =>
        seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value)
            : null;
}
