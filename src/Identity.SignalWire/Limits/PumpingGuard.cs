using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The site-wide SMS-pumping guard, in the spirit of Twilio's Fraud Guard. Per region, it counts the codes sent and
/// the codes verified in fixed windows shared by every instance; a region whose last two windows hold at least
/// <see cref="SignalWirePumpingGuardOptions.MinimumSends"/> sends, of which fewer than
/// <see cref="SignalWirePumpingGuardOptions.MinimumVerifiedRatio"/> were verified, is stopped for
/// <see cref="SignalWirePumpingGuardOptions.CoolOff"/>. Pumped codes are never typed back: the bots want the sends,
/// and the numbers' owners never see the texts.
/// </summary>
/// <remarks>
/// Per region rather than per number prefix: the region is what the metadata gives for every number and what
/// <c>codes.requested</c> and <c>codes.verified</c> are tagged with, so a dashboard shows the same split the guard
/// judges; attackers rotate through the ranges of a country faster than per-prefix counts would reach a minimum;
/// and a few hundred regions keep the counters few. The cost: a region with much honest traffic dilutes an attack
/// on it, which <see cref="SignalWireMfaOptions.AllowedRegions"/> and the per-number budgets cover.
/// A stopped region still gets sign-in codes to numbers users have confirmed (counted, never refused here): those
/// numbers once returned a code, which pumping bots do not do, and a trip must not lock a country out of its accounts.
/// </remarks>
internal sealed partial class PumpingGuard(
    IAtomicStore store,
    BudgetKeys keys,
    SignalWireTelemetry telemetry,
    IOptions<SignalWireMfaOptions> options,
    TimeProvider time,
    ILogger<PumpingGuard> logger)
{
    private readonly SignalWirePumpingGuardOptions _options = options.Value.PumpingGuard;

    /// <summary>
    /// The guard's part of a send to <paramref name="region"/>; <see langword="null"/> when the guard is off.
    /// </summary>
    /// <param name="region">The region of the number.</param>
    /// <param name="enforced">Whether a stopped region refuses this send (not for a confirmed number's sign-in code).</param>
    public GuardCharge? ChargeFor(string region, bool enforced)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var window = CurrentWindow();
        return new GuardCharge(
            keys.GuardWindow(region, window),
            keys.GuardWindow(region, window - 1),
            keys.GuardStopped(region),
            WindowLifetime,
            _options.MinimumSends,
            _options.MinimumVerifiedRatio,
            _options.CoolOff,
            enforced);
    }

    /// <summary>Reports that a charge stopped <paramref name="region"/>: one warning and one count per trip, site-wide.</summary>
    public void Tripped(string region)
    {
        telemetry.RecordGuardTripped(region);
        Log.Tripped(logger, region, _options.MinimumSends, _options.MinimumVerifiedRatio, _options.CoolOff);
    }

    /// <summary>
    /// Counts a verified code sent to a number of <paramref name="region"/>. Never throws: the code has been used at
    /// SignalWire, and a cache failure here must not turn a good sign-in into an error.
    /// </summary>
    public async Task RecordVerifiedAsync(string region)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            await store.CountVerifiedAsync(keys.GuardWindow(region, CurrentWindow()), WindowLifetime).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The sign-in succeeded; a lost count only makes the guard a little more cautious.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.VerifiedNotCounted(logger, region, exception);
        }
    }

    // A window key lives through its own window and the next, where it is the previous window.
    private TimeSpan WindowLifetime => _options.Window * 2;

    private long CurrentWindow() => time.GetUtcNow().ToUnixTimeMilliseconds() / (long)_options.Window.TotalMilliseconds;

    private static partial class Log
    {
        [LoggerMessage(201, LogLevel.Warning,
            "The SMS-pumping guard stopped codes to unconfirmed numbers in region {Region}: at least {MinimumSends} codes were sent there and fewer than {MinimumVerifiedRatio:P0} of them were verified. Sends there resume after {CoolOff}; sign-in codes to confirmed numbers still go.",
            EventName = "PumpingGuardTripped")]
        public static partial void Tripped(ILogger logger, string region, int minimumSends, double minimumVerifiedRatio, TimeSpan coolOff);

        [LoggerMessage(202, LogLevel.Warning, "Could not count a verified code for region {Region} in the pumping guard.", EventName = "PumpingGuardVerifiedNotCounted")]
        public static partial void VerifiedNotCounted(ILogger logger, string region, Exception exception);
    }
}
