namespace Identity.SignalWire;

/// <summary>
/// Every budget one send is checked against, charged together in one atomic step or not at all: a send that any
/// budget refuses leaves every counter as it was, so a refusal never spends a legitimate user's budget.
/// </summary>
/// <param name="Cooldown">The resend cooldown to start; <see langword="null"/> when there is none.</param>
/// <param name="Counters">The counted budgets, checked in this order; the first that is full refuses the send.</param>
/// <param name="Guard">The pumping guard of the number's region, checked after the counters; <see langword="null"/> when it is off.</param>
internal sealed record SendCharge(CooldownCharge? Cooldown, IReadOnlyList<CounterCharge> Counters, GuardCharge? Guard);

/// <summary>A cooldown: refuses while one runs at <paramref name="Key"/>, otherwise starts one of <paramref name="Length"/>.</summary>
internal sealed record CooldownCharge(string Key, TimeSpan Length);

/// <summary>
/// A budget of <paramref name="Limit"/> sends in a window of <paramref name="Window"/> that starts with its first send.
/// </summary>
internal sealed record CounterCharge(string Key, long Limit, TimeSpan Window, SignalWireSendLimit Budget);

/// <summary>
/// The pumping guard of one region: sends and verified codes are counted in fixed windows; once the current and the
/// previous window together hold at least <paramref name="MinimumSends"/> sends of which fewer than
/// <paramref name="MinimumVerifiedRatio"/> were verified, the region is stopped for <paramref name="CoolOff"/>.
/// </summary>
/// <param name="CurrentWindowKey">The counts of the current window.</param>
/// <param name="PreviousWindowKey">The counts of the window before it.</param>
/// <param name="StoppedKey">Set, for the cool-off, while the region is stopped.</param>
/// <param name="WindowLifetime">How long a window's counts are kept: its own window and the next.</param>
/// <param name="MinimumSends">The sends below which the ratio is not judged.</param>
/// <param name="MinimumVerifiedRatio">The share of sends that must have been verified.</param>
/// <param name="CoolOff">How long a stopped region stays stopped.</param>
/// <param name="Enforced">
/// Whether a stopped region refuses this send; when <see langword="false"/> the send is counted but always passes.
/// </param>
internal sealed record GuardCharge(
    string CurrentWindowKey,
    string PreviousWindowKey,
    string StoppedKey,
    TimeSpan WindowLifetime,
    long MinimumSends,
    double MinimumVerifiedRatio,
    TimeSpan CoolOff,
    bool Enforced)
{
    /// <summary>
    /// Whether counts of <paramref name="sent"/> and <paramref name="verified"/> stop the region: the one rule, which the
    /// in-process store applies here and the Redis script in Lua.
    /// </summary>
    public bool Trips(long sent, long verified) => sent >= MinimumSends && verified < MinimumVerifiedRatio * sent;
}

/// <summary>What charging a send did.</summary>
/// <param name="RefusedBy">The budget that refused the send, or <see langword="null"/> when every budget was charged.</param>
/// <param name="Wait">How long until the refusing budget lets the same send through.</param>
/// <param name="GuardTripped">Whether this charge is the one that stopped the region (once per trip, across instances).</param>
internal readonly record struct ChargeOutcome(SignalWireSendLimit? RefusedBy, TimeSpan Wait, bool GuardTripped)
{
    public static ChargeOutcome Charged(bool guardTripped) => new(null, TimeSpan.Zero, guardTripped);
}
