using System.Globalization;

namespace Identity.SignalWire.Samples;

/// <summary>
/// How both samples write a wait that is theirs to tell (a lockout, a rate limit, how long a proof lasts); the library's
/// refusals come with words of their own (<see cref="SignalWireMfaException.UserMessage"/>).
/// </summary>
public static class WaitInWords
{
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
