using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire;

/// <summary>
/// Puts a refusal or an outage into words for the user (<see cref="SignalWireMfaException.UserMessage"/>): which
/// sentence fits, in which language, with the wait written out, and the application's own words first when it gives a
/// localizer.
/// </summary>
internal static class UserMessages
{
    /// <summary>The prefix of the names an application's localizer is asked for ("SignalWire.ResendCooldown").</summary>
    public const string OverridePrefix = "SignalWire.";

    /// <summary>The sentence for <paramref name="exception"/> in <paramref name="culture"/>, or in the nearest language the library has.</summary>
    public static string For(SignalWireMfaException exception, CultureInfo culture)
    {
        var words = WordsFor(culture);
        var (key, wait) = Choose(exception);
        var sentence = words[key];
        return wait is { } after ? string.Format(culture, sentence, Duration(words, after)) : sentence;
    }

    /// <summary>
    /// The application's sentence from <paramref name="localizer"/> (asked for <c>SignalWire.</c> and the key, in the
    /// X
    /// </summary>
    public static string For(SignalWireMfaException exception, IStringLocalizer localizer, CultureInfo culture)
    {
        var (key, wait) = Choose(exception);
        var own = wait is { } after
            ? localizer[OverridePrefix + key, Duration(WordsFor(culture), after)]
            : localizer[OverridePrefix + key];
        return own.ResourceNotFound ? For(exception, culture) : own.Value;
    }

    /// <summary>
    /// The words for <paramref name="culture"/>: the culture itself, then each parent (fr-CA, then fr; zh-TW, then
    /// zh-Hant), then English.
    /// </summary>
    public static UserMessageWords WordsFor(CultureInfo culture)
    {
        for (var current = culture; current.Name.Length > 0; current = current.Parent)
        {
            if (BuiltInUserMessages.ByCulture.TryGetValue(current.Name, out var words))
            {
                return words;
            }
        }

        return BuiltInUserMessages.English;
    }

    /// <summary>
    /// "45 s", "3 min", "2 h" in the language of <paramref name="words"/>: whole units, rounded up so that nobody tries
    /// again too early, and the number in ASCII digits whatever the culture.
    /// </summary>
    public static string Duration(UserMessageWords words, TimeSpan wait)
    {
        var (unit, count) = wait <= TimeSpan.FromSeconds(90)
            ? (words.Seconds, Math.Max(1, Math.Ceiling(wait.TotalSeconds)))
            : wait <= TimeSpan.FromMinutes(90)
                ? (words.Minutes, Math.Ceiling(wait.TotalMinutes))
                : (words.Hours, Math.Ceiling(wait.TotalHours));
        return string.Format(CultureInfo.InvariantCulture, unit, count);
    }

    /// <summary>The sentence that fits, and the wait it names (only the cooldown names one).</summary>
    private static (UserMessageKey Key, TimeSpan? Wait) Choose(SignalWireMfaException exception) => exception switch
    {
        SignalWireSendLimitException { Limit: SignalWireSendLimit.ResendCooldown, RetryAfter: { } wait } when wait > TimeSpan.Zero
            => (UserMessageKey.ResendCooldown, wait),
        // The library always gives the cooldown's wait; without one, "in a moment" is the honest advice.
        SignalWireSendLimitException { Limit: SignalWireSendLimit.ResendCooldown } => (UserMessageKey.Unavailable, null),
        SignalWireSendLimitException refusal => (ForLimit(refusal.Limit), null),
        _ => (ForKind(exception.Kind), null),
    };

    private static UserMessageKey ForLimit(SignalWireSendLimit limit) => limit switch
    {
        SignalWireSendLimit.UserBudget or SignalWireSendLimit.ConfirmationUserBudget => UserMessageKey.TooManyCodes,
        SignalWireSendLimit.NumberBudget or SignalWireSendLimit.ConfirmationNumberBudget => UserMessageKey.NumberBusy,
        SignalWireSendLimit.InvalidNumber => UserMessageKey.InvalidNumber,
        SignalWireSendLimit.RegionNotAllowed => UserMessageKey.RegionNotAllowed,
        SignalWireSendLimit.NumberTypeNotAllowed => UserMessageKey.NumberTypeNotAllowed,
        // Both stop only numbers not yet confirmed; the words do not say why, so a bot learns nothing of the guard or the cap.
        SignalWireSendLimit.SiteConfirmationHourlyCap => UserMessageKey.NewNumbersPaused,
        SignalWireSendLimit.ChallengeRequired => UserMessageKey.ChallengeRequired,
        // The site-wide cap, and any limit added later: nothing the user did, nothing that tells the cap.
        _ => UserMessageKey.NotSent,
    };

    private static UserMessageKey ForKind(SignalWireMfaErrorKind kind) => kind switch
    {
        SignalWireMfaErrorKind.RateLimited or SignalWireMfaErrorKind.ServiceUnavailable or SignalWireMfaErrorKind.StoreUnavailable
            => UserMessageKey.Unavailable,
        // Wrong credentials or a request SignalWire rejected are the site's to fix: the user is told so, not blamed.
        _ => UserMessageKey.NotSent,
    };
}
