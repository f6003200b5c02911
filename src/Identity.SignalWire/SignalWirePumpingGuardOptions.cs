using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Identity.SignalWire;

/// <summary>
/// Settings of the SMS-pumping guard, <see cref="SignalWireMfaOptions.PumpingGuard"/>, bound from
/// <c>"SignalWire:PumpingGuard"</c>. The guard judges two tiers, each over the last two windows: every number range
/// (the national number without its last four digits, at most 10,000 numbers) against <see cref="MinimumSends"/>,
/// and every region against the higher <see cref="RegionMinimumSends"/>, which only an attack spread thinly over many
/// ranges reaches. A tier whose sends, of which fewer than <see cref="MinimumVerifiedRatio"/> were verified, reach its
/// minimum is stopped for <see cref="CoolOff"/>: codes to numbers not yet confirmed in its scope are then refused with
/// <see cref="SignalWireSendLimit.ChallengeRequired"/> until the application clears the user after its own human check.
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
    /// Gets or sets how many codes one number range must have been sent (in this window and the one before) before its
    /// verified ratio is judged, from 1 to 1,000,000. It is also about the most an attack on one range gets through
    /// per cool-off. Defaults to 50.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MinimumSends { get; set; } = 50;

    /// <summary>
    /// Gets or sets how many codes one region must have been sent (in this window and the one before) before its
    /// verified ratio is judged, from 2 to 1,000,000, and more than <see cref="MinimumSends"/>: the tier for an attack
    /// spread over many ranges, each below <see cref="MinimumSends"/>. It is about the most such an attack gets through
    /// per region and cool-off. Defaults to 200.
    /// </summary>
    [Range(2, 1_000_000)]
    public int RegionMinimumSends { get; set; } = 200;

    /// <summary>
    /// Gets or sets the share of sent codes that must have been verified, from 0 to 1; below it the range or region
    /// is stopped. Defaults to 0.2 (one code in five).
    /// </summary>
    [Range(0d, 1d)]
    public double MinimumVerifiedRatio { get; set; } = 0.2;

    /// <summary>
    /// Gets or sets how long a range or region stays stopped once the guard trips, from 1 minute to 7 days. Defaults
    /// to 1 hour.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CoolOff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long a clearance given by <see cref="SignalWireChallenges{TUser}.ClearAsync"/> waits for the
    /// user's next confirmation code, from 1 minute to 1 hour. A clearance lets one code through a stopped range or
    /// region and is then used up. Defaults to 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan ClearanceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Describes the settings.</summary>
    /// <returns>The settings on one line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{ Enabled = {Enabled}, Window = {Window}, MinimumSends = {MinimumSends}, RegionMinimumSends = {RegionMinimumSends}, MinimumVerifiedRatio = {MinimumVerifiedRatio}, CoolOff = {CoolOff}, ClearanceLifetime = {ClearanceLifetime} }}");
}
