using System.Globalization;

namespace Identity.SignalWire.UI;

/// <summary>How both front ends of the package write a wait: one rule, so the two cannot drift apart.</summary>
internal static class WaitDuration
{
    /// <summary>"45 s", "3 min", "2 h": whole units, rounded up so that nobody retries too early.</summary>
    public static string InWords(TimeSpan wait)
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
