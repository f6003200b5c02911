using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Identity.SignalWire;

/// <summary>
/// Settings of the SMS-pumping guard, <see cref="SignalWireMfaOptions.PumpingGuard"/>: for each region it counts the
/// codes sent and the codes verified over the last two windows, and once a region has had
/// <see cref="MinimumSends"/> sends of which fewer than <see cref="MinimumVerifiedRatio"/> were verified, it stops
/// sending to numbers there that are not yet confirmed, for <see cref="CoolOff"/>. Bound from
/// <c>"SignalWire:PumpingGuard"</c>.
/// </summary>
public sealed class SignalWirePumpingGuardOptions
{
    /// <summary>Gets or sets whether the guard counts and stops sends. Defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the length of one counting window, from 1 minute to 1 day; the guard judges the current window
    /// together with the one before it. Defaults to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how many codes a region must have been sent (in this window and the one before) before its
    /// verified ratio is judged, from 1 to 1,000,000. It is also about the most an attack on one region gets
    /// through before the guard stops it. Defaults to 50.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinimumSends { get; set; } = 50;

    /// <summary>
    /// Gets or sets the share of sent codes that must have been verified, from 0 to 1; below it the region is
    /// stopped. Defaults to 0.2 (one code in five).
    /// </summary>
    [Range(0d, 1d)]
    public double MinimumVerifiedRatio { get; set; } = 0.2;

    /// <summary>
    /// Gets or sets how long a region stays stopped once the guard trips, from 1 minute to 7 days. Defaults to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CoolOff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Describes the settings.</summary>
    /// <returns>The settings on one line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{ Enabled = {Enabled}, Window = {Window}, MinimumSends = {MinimumSends}, MinimumVerifiedRatio = {MinimumVerifiedRatio}, CoolOff = {CoolOff} }}");
}
