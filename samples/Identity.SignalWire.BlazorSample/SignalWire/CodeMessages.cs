using System.Globalization;
using Identity.SignalWire.Samples;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.BlazorSample.SignalWire;

/// <summary>
/// What a page says about a code, in plain words: where it went, how long it works, how many tries are left, and why
/// one was refused. The facts come from the library's <see cref="SignalWirePendingCode"/>; nothing here guesses.
/// </summary>
public static class CodeMessages
{
    /// <summary>The code can no longer be used because it is too old.</summary>
    public const string Expired = "This code has expired: send a new one.";

    /// <summary>The code was tried as often as SignalWire allows.</summary>
    public const string UsedUp = "This code is used up (it was tried too many times): send a new one.";

    /// <summary>The wrong code was typed on the code's last try.</summary>
    public const string WrongLastTry = "Wrong code, and this code cannot be tried again: send a new one.";

    /// <summary>No code is waiting, and the page cannot tell why.</summary>
    public const string NoCode = "No code is waiting for you (it was used up, or it expired): send a new one.";

    /// <summary>The two-factor step is over (its cookie lasts five minutes) or never began (a bookmark).</summary>
    public const string SignInExpired = "Error: Your sign-in took too long. Log in again.";

    /// <summary>SignalWire refused to send to the number being confirmed.</summary>
    public const string NumberRefused = "SignalWire could not send a code to this number. Check the number and try again.";

    /// <summary>"Enter the 6-digit code."</summary>
    public static string Malformed(CodeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return "Enter the code: " + input.Hint + ".";
    }

    /// <summary>
    /// Why the pending code cannot be tried at all (checked before sending it to SignalWire, so that a code that
    /// cannot succeed never counts toward lockout); <see langword="null"/> when it can be tried.
    /// </summary>
    /// <param name="pending">The code pending now.</param>
    /// <param name="shownExpiresAt">When the code the page showed expires, posted back by the form.</param>
    /// <param name="now">The site's clock.</param>
    public static string? Unusable(SignalWirePendingCode? pending, DateTimeOffset? shownExpiresAt, DateTimeOffset now) => pending switch
    {
        null when shownExpiresAt <= now => Expired,
        null => NoCode,
        _ when pending.ExpiresAt <= now => Expired,
        _ when pending.AttemptsLeft <= 0 => UsedUp,
        _ => null,
    };

    /// <summary>Why a code that could be tried was refused, from the state after the try.</summary>
    public static string Refused(SignalWirePendingCode? after) => after is { AttemptsLeft: > 0 and var left }
        ? string.Create(CultureInfo.InvariantCulture, $"Wrong code. Check it and try again ({left} {(left == 1 ? "try" : "tries")} left for this code).")
        : WrongLastTry;

    /// <summary>"We sent a code by text message to the number ending in 67.", in the request's language.</summary>
    public static string SentTo(SignalWirePendingCode pending, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>"It works for another 10 min, and 3 tries are left.", in the request's language.</summary>
    public static string Lifetime(SignalWirePendingCode pending, DateTimeOffset now, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(text);
        var left = pending.AttemptsLeft;
        if (pending.ExpiresAt <= now)
        {
            return text["It has expired."];
        }

        var duration = Duration(pending.ExpiresAt - now);
        return left == 1
            ? text["It works for another {0}, and 1 try is left.", duration]
            : text["It works for another {0}, and {1} tries are left.", duration, left];
    }

    /// <summary>How long until a new code may be sent; zero when it may be now.</summary>
    public static TimeSpan ResendWait(SignalWirePendingCode? pending, DateTimeOffset now) =>
        pending?.NextSendAt is { } next && next > now ? next - now : TimeSpan.Zero;

    /// <summary>"You can ask for a new code in 25 s."</summary>
    public static string Cooldown(TimeSpan wait) => "You can ask for a new code in " + Duration(wait) + ".";

    /// <summary>
    /// SignalWire, or the store that holds pending codes, could not be used: the answer is unknown, nothing was counted
    /// against the user, and the same step can be tried again.
    /// </summary>
    public static string Unavailable(SignalWireMfaException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.Kind switch
        {
            SignalWireMfaErrorKind.Unauthorized or SignalWireMfaErrorKind.InvalidRequest or SignalWireMfaErrorKind.RateLimited
                or SignalWireMfaErrorKind.ServiceUnavailable => "SignalWire is unavailable, try again in a moment.",
            // The cache that holds pending codes (Redis) is down: not SignalWire's fault, same advice.
            _ => "Codes cannot be sent or checked just now, try again in a moment.",
        };
        return exception.RetryAfter is { } wait && wait > TimeSpan.Zero
            ? text + " (Wait about " + Duration(wait) + ".)"
            : text + " Your account is not affected.";
    }

    /// <summary>One of the library's send budgets refused the code before anything was sent.</summary>
    public static string SendRefused(SignalWireSendLimitException exception) =>
        SendRefusals.Describe(exception, wait => "Please wait: you can ask for a new code in " + wait + ".");

    /// <summary>"45 s", "3 min", "2 h": whole units, rounded up so that nobody retries too early.</summary>
    public static string Duration(TimeSpan wait) => SendRefusals.Duration(wait);
}
