using System.Globalization;

namespace Identity.SignalWire.Samples;

/// <summary>
/// The words both samples show when a send budget refuses a code, and how they write a wait. One copy, so that a new
/// <see cref="SignalWireSendLimit"/> is put into words in both samples at once.
/// </summary>
public static class SendRefusals
{
    /// <summary>What the user reads when <paramref name="exception"/>'s budget refused the code; nothing was sent.</summary>
    /// <param name="exception">The refusal.</param>
    /// <param name="cooldown">The words for a running resend cooldown, given the wait in words (each sample has its own).</param>
    public static string Describe(SignalWireSendLimitException exception, Func<string, string> cooldown)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(cooldown);
        var wait = exception.RetryAfter is { } after && after > TimeSpan.Zero ? Duration(after) : null;
        return exception.Limit switch
        {
            SignalWireSendLimit.ResendCooldown => cooldown(wait ?? "a moment"),
            SignalWireSendLimit.UserBudget => "You have asked for many codes in a short time. "
                + (wait is null ? "Try again later." : "You can ask for a new one in " + wait + "."),
            SignalWireSendLimit.NumberBudget => "This phone number has received too many codes today. "
                + (wait is null ? "Try again later." : "Try again in " + wait + "."),
            SignalWireSendLimit.RegionNotAllowed => "This site cannot send codes to phone numbers in that country.",
            SignalWireSendLimit.InvalidNumber => "That phone number does not exist. Check it, with its country code.",
            SignalWireSendLimit.NumberTypeNotAllowed => "This site cannot send codes to this kind of phone number (premium-rate or shared-cost, for example). Use a mobile number.",
            SignalWireSendLimit.ConfirmationNumberBudget => "This phone number has received too many confirmation codes today. "
                + (wait is null ? "Try again later." : "Try again in " + wait + "."),
            // Only new numbers wait; the words do not say why, so that a bot learns nothing of the site's caps.
            SignalWireSendLimit.SiteConfirmationHourlyCap => "No code can be sent to a new number right now. Try again later; signing in with your confirmed number still works.",
            _ => "No code could be sent right now. Try again later.",
        };
    }

    /// <summary>"45 s", "3 min", "2 h": whole units, rounded up so that nobody retries too early.</summary>
    public static string Duration(TimeSpan wait)
    {
        if (wait <= TimeSpan.FromSeconds(90))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s");
        }

        return wait <= TimeSpan.FromMinutes(90)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalMinutes)} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling(wait.TotalHours)} h");
    }
}
