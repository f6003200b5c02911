using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The site-wide SMS-pumping guard, finer than Twilio's Fraud Guard and escalating where it would block. It counts
/// the codes sent and the codes verified in fixed windows shared by every instance, in two tiers: each number range
/// (<see cref="GuardScope"/>) against <see cref="SignalWirePumpingGuardOptions.MinimumSends"/>, and each region
/// against the higher <see cref="SignalWirePumpingGuardOptions.RegionMinimumSends"/>. A tier whose last two windows
/// reach its minimum with fewer than <see cref="SignalWirePumpingGuardOptions.MinimumVerifiedRatio"/> verified is
/// stopped for <see cref="SignalWirePumpingGuardOptions.CoolOff"/>. Pumped codes are never typed back: the bots want
/// the sends, and the numbers' owners never see the texts.
/// </summary>
/// <remarks>
/// <para>
/// Ranges before regions: an attack on one leased block of numbers stops that block, and enrolment elsewhere in the
/// region goes on. The region tier sees only what no range does, an attack spread thinly over many ranges; its own,
/// higher minimum keeps one range's attack (which the range tier stops at its minimum) from ever reaching it.
/// </para>
/// <para>
/// A stopped tier does not block: a confirmation code in its scope is refused with
/// <see cref="SignalWireSendLimit.ChallengeRequired"/>, and a user the application has cleared after its own human
/// check (<see cref="SignalWireChallenges{TUser}"/>) gets the next one. So the guard costs an attacker a human check
/// per pumped code, and an honest user one check, never a country. Sign-in codes to numbers users have confirmed are
/// counted, never refused here: those numbers once returned a code, which pumping bots do not do.
/// </para>
/// </remarks>
internal sealed partial class PumpingGuard(
    IAtomicStore store,
    BudgetKeys keys,
    SignalWireTelemetry telemetry,
    IOptions<SignalWireMfaOptions> options,
    TimeProvider time,
    ILogger<PumpingGuard> logger)
{
    // The tiers of a charge, in this order: bit 0 of a ChargeOutcome's masks is the range, bit 1 the region.
    private const int RangeTier = 1;
    private const int RegionTier = 2;

    private readonly SignalWirePumpingGuardOptions _options = options.Value.PumpingGuard;

    /// <summary>
    /// The guard's part of a send to a number in <paramref name="scope"/>; <see langword="null"/> when the guard is off.
    /// </summary>
    /// <param name="scope">The number's range and region.</param>
    /// <param name="enforced">Whether a stopped tier refuses this send (not for a confirmed number's sign-in code).</param>
    /// <param name="userHash">The keyed hash of the user asking, whose clearance an enforced send may use.</param>
    public GuardCharge? ChargeFor(GuardScope scope, bool enforced, string userHash)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var window = CurrentWindow();
        return new GuardCharge(
            [Tier(RangeKey(scope), window, _options.MinimumSends), Tier(scope.Region, window, _options.RegionMinimumSends)],
            enforced,
            enforced ? keys.Clearance(userHash) : null);
    }

    /// <summary>
    /// Reports what a charge did in the guard: one warning and one count per tier it stopped (once per trip,
    /// site-wide), and a note when a cleared user's code passed a stopped tier.
    /// </summary>
    public void Report(GuardScope scope, ChargeOutcome outcome)
    {
        if ((outcome.TrippedTiers & RangeTier) != 0)
        {
            telemetry.RecordGuardTripped(SignalWireTelemetry.RangeTier, scope.Region, scope.Range);
            Log.RangeTripped(logger, scope.Range, scope.Region, _options.MinimumSends, _options.MinimumVerifiedRatio, _options.CoolOff);
        }

        if ((outcome.TrippedTiers & RegionTier) != 0)
        {
            telemetry.RecordGuardTripped(SignalWireTelemetry.RegionTier, scope.Region, range: null);
            Log.RegionTripped(logger, scope.Region, _options.RegionMinimumSends, _options.MinimumVerifiedRatio, _options.CoolOff);
        }

        if (outcome.Cleared)
        {
            Log.ClearedSendPassed(logger, Describe(scope, outcome.StoppedTiers));
        }
    }

    /// <summary>The message of a <see cref="SignalWireSendLimit.ChallengeRequired"/> refusal: which tier, and what to do.</summary>
    public string ExplainChallenge(GuardScope scope, ChargeOutcome outcome) => string.Create(
        CultureInfo.InvariantCulture,
        $"Codes to numbers not yet confirmed in {Describe(scope, outcome.StoppedTiers)} need a human check: too few of the codes recently sent there were verified (SignalWire:PumpingGuard). Check the user (a CAPTCHA, or a trust signal of your own), call SignalWireChallenges<TUser>.ClearAsync, then send again; the user's next confirmation code goes out. Without a check, sends there resume in {Math.Max(1, Math.Ceiling(outcome.Wait.TotalSeconds))} s. Nothing was sent.");

    /// <summary>
    /// Gives the user one confirmation code through a stopped tier, within
    /// <see cref="SignalWirePumpingGuardOptions.ClearanceLifetime"/>.
    /// </summary>
    public async Task ClearAsync(string userHash)
    {
        await store.SetClearanceAsync(keys.Clearance(userHash), _options.ClearanceLifetime).ConfigureAwait(false);
        Log.UserCleared(logger, _options.ClearanceLifetime);
    }

    /// <summary>
    /// Counts a verified code sent to a number in <paramref name="scope"/>, in its range and its region at once. Never
    /// throws: the code has been used at SignalWire, and a cache failure here must not turn a good sign-in into an error.
    /// </summary>
    public async Task RecordVerifiedAsync(GuardScope scope)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            var window = CurrentWindow();
            await store.CountVerifiedAsync([keys.GuardWindow(RangeKey(scope), window), keys.GuardWindow(scope.Region, window)], WindowLifetime)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The sign-in succeeded; a lost count only makes the guard a little more cautious.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.VerifiedNotCounted(logger, scope.Region, exception);
        }
    }

    // A range's keys name its region too: ranges of two regions sharing a calling code (+1) never meet.
    private static string RangeKey(GuardScope scope) => scope.Region + ":" + scope.Range;

    private static string Describe(GuardScope scope, int tiers) => (tiers & RegionTier) != 0
        ? "region " + scope.Region
        : "range " + scope.Range + " of region " + scope.Region;

    private GuardTier Tier(string scopeKey, long window, int minimumSends) => new(
        keys.GuardWindow(scopeKey, window),
        keys.GuardWindow(scopeKey, window - 1),
        keys.GuardStopped(scopeKey),
        WindowLifetime,
        minimumSends,
        _options.MinimumVerifiedRatio,
        _options.CoolOff);

    // A window key lives through its own window and the next, where it is the previous window.
    private TimeSpan WindowLifetime => _options.Window * 2;

    private long CurrentWindow() => time.GetUtcNow().ToUnixTimeMilliseconds() / (long)_options.Window.TotalMilliseconds;

    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Warning,
            "The SMS-pumping guard stopped codes to unconfirmed numbers in region {Region}: at least {MinimumSends} codes were sent there and fewer than {MinimumVerifiedRatio:P0} of them were verified. For {CoolOff}, such codes there need a human check (ChallengeRequired); sign-in codes to confirmed numbers still go.",
            EventName = "PumpingGuardTripped")]
        public static partial void RegionTripped(ILogger logger, string region, int minimumSends, double minimumVerifiedRatio, TimeSpan coolOff);

        [LoggerMessage(202, LogLevel.Warning, "Could not count a verified code for region {Region} in the pumping guard.", EventName = "PumpingGuardVerifiedNotCounted")]
        public static partial void VerifiedNotCounted(ILogger logger, string region, Exception exception);

        // The range prefix names 10,000 numbers, never one: it may be logged where a number may not.
        [LoggerMessage(203, LogLevel.Warning,
            "The SMS-pumping guard stopped codes to unconfirmed numbers in range {Range} of region {Region}: at least {MinimumSends} codes were sent there and fewer than {MinimumVerifiedRatio:P0} of them were verified. For {CoolOff}, such codes there need a human check (ChallengeRequired); the rest of the region and sign-in codes to confirmed numbers go on.",
            EventName = "PumpingGuardRangeTripped")]
        public static partial void RangeTripped(ILogger logger, string range, string region, int minimumSends, double minimumVerifiedRatio, TimeSpan coolOff);

        [LoggerMessage(204, LogLevel.Information, "A cleared user's confirmation code passed the SMS-pumping guard's stop in {Scope}; the clearance is used up.", EventName = "PumpingGuardClearancePassed")]
        public static partial void ClearedSendPassed(ILogger logger, string scope);

        [LoggerMessage(205, LogLevel.Information, "The application cleared a user for one confirmation code through the SMS-pumping guard, for {Lifetime}.", EventName = "PumpingGuardUserCleared")]
        public static partial void UserCleared(ILogger logger, TimeSpan lifetime);
    }
}
