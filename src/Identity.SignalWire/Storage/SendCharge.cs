namespace Identity.SignalWire;

/// <summary>
/// Every budget one send is checked against, charged together in one atomic step or not at all: a send that any
/// budget refuses leaves every counter as it was, so a refusal never spends a legitimate user's budget.
/// </summary>
/// <param name="Cooldown">The resend cooldown to start; <see langword="null"/> when there is none.</param>
/// <param name="Counters">The counted budgets, checked in this order; the first that is full refuses the send.</param>
/// <param name="Guard">The pumping guard's tiers of the number, checked after the counters; <see langword="null"/> when it is off.</param>
internal sealed record SendCharge(CooldownCharge? Cooldown, IReadOnlyList<CounterCharge> Counters, GuardCharge? Guard);

/// <summary>A cooldown: refuses while one runs at <paramref name="Key"/>, otherwise starts one of <paramref name="Length"/>.</summary>
internal sealed record CooldownCharge(string Key, TimeSpan Length);

/// <summary>
/// A budget of <paramref name="Limit"/> sends in a window of <paramref name="Window"/> that starts with its first send.
/// </summary>
internal sealed record CounterCharge(string Key, long Limit, TimeSpan Window, SignalWireSendLimit Budget);

/// <summary>
/// The pumping guard's part of one send: its tiers (a number range, then the whole region) and what a stopped tier does
/// to this send. A tier is stopped while its stopped flag lives; a send that finds a tier's counts over the line stops
/// it. When <paramref name="Enforced"/>, a send that meets a stopped tier is refused, unless the user was cleared
/// (<paramref name="ClearanceKey"/> exists): then the clearance is used up and the send goes out.
/// </summary>
/// <param name="Tiers">The tiers, each checked and each counted; at most 30 (their indexes form a bit mask).</param>
/// <param name="Enforced">
/// Whether a stopped tier refuses this send; when <see langword="false"/> (a sign-in code to a confirmed number) the
/// send is counted but always passes.
/// </param>
/// <param name="ClearanceKey">The user's clearance, which lets one refused send through; <see langword="null"/> for none.</param>
internal sealed record GuardCharge(IReadOnlyList<GuardTier> Tiers, bool Enforced, string? ClearanceKey);

/// <summary>
/// One tier of the pumping guard: sends and verified codes are counted in fixed windows; once the current and the
/// previous window together hold at least <paramref name="MinimumSends"/> sends of which fewer than
/// <paramref name="MinimumVerifiedRatio"/> were verified, the tier is stopped for <paramref name="CoolOff"/>.
/// </summary>
/// <param name="CurrentWindowKey">The counts of the current window.</param>
/// <param name="PreviousWindowKey">The counts of the window before it.</param>
/// <param name="StoppedKey">Set, for the cool-off, while the tier is stopped.</param>
/// <param name="WindowLifetime">How long a window's counts are kept: its own window and the next.</param>
/// <param name="MinimumSends">The sends below which the ratio is not judged.</param>
/// <param name="MinimumVerifiedRatio">The share of sends that must have been verified.</param>
/// <param name="CoolOff">How long a stopped tier stays stopped.</param>
internal sealed record GuardTier(
    string CurrentWindowKey,
    string PreviousWindowKey,
    string StoppedKey,
    TimeSpan WindowLifetime,
    long MinimumSends,
    double MinimumVerifiedRatio,
    TimeSpan CoolOff)
{
    /// <summary>
    /// Whether counts of <paramref name="sent"/> and <paramref name="verified"/> stop the tier: the one rule, which the
    /// in-process store applies here and the Redis script in Lua.
    /// </summary>
    public bool Trips(long sent, long verified) => sent >= MinimumSends && verified < MinimumVerifiedRatio * sent;
}

/// <summary>What charging a send did.</summary>
/// <param name="RefusedBy">The budget that refused the send, or <see langword="null"/> when every budget was charged.</param>
/// <param name="Wait">How long until the refusing budget lets the same send through.</param>
/// <param name="TrippedTiers">
/// The guard tiers this charge stopped, bit <c>i</c> for <see cref="GuardCharge.Tiers"/>[i] (once per trip, across
/// instances).
/// </param>
/// <param name="StoppedTiers">The guard tiers that were stopped when this send met them, tripped ones included.</param>
/// <param name="Cleared">Whether the send met a stopped tier and went out on the user's clearance, which it used up.</param>
internal readonly record struct ChargeOutcome(
    SignalWireSendLimit? RefusedBy, TimeSpan Wait, int TrippedTiers = 0, int StoppedTiers = 0, bool Cleared = false)
{
    public static ChargeOutcome Charged(int trippedTiers = 0, int stoppedTiers = 0, bool cleared = false) =>
        new(null, TimeSpan.Zero, trippedTiers, stoppedTiers, cleared);
}
