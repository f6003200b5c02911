namespace Identity.SignalWire;

/// <summary>
/// The operations that must be atomic across every instance of a site: the budgets of a send, charged together in
/// one step (one round trip on Redis), and the shared hashing key that has to be created exactly once.
/// </summary>
internal interface IAtomicStore
{
    /// <summary>
    /// Checks every budget of <paramref name="charge"/> and, when none refuses, charges them all: starts the cooldown,
    /// counts the send in each counter and in the region's guard window. When one refuses, nothing is charged.
    /// </summary>
    Task<ChargeOutcome> ChargeAsync(SendCharge charge);

    /// <summary>Ends the cooldown at <paramref name="key"/>, if one is running.</summary>
    Task EndCooldownAsync(string key);

    /// <summary>The time left of the cooldown at <paramref name="key"/>; <see langword="null"/> when none is running.</summary>
    Task<TimeSpan?> CooldownLeftAsync(string key);

    /// <summary>
    /// Stores a pending code for <paramref name="lifetime"/>, replacing any earlier one unless that one's send began
    /// later (<see cref="PendingCode.BeganAfter"/>): the newest send wins, whichever SignalWire answered first. In turn
    /// with the other pending-code operations on the same key. Returns whether the code was stored.
    /// </summary>
    Task<bool> StorePendingCodeAsync(string key, PendingCode code, TimeSpan lifetime);

    /// <summary>
    /// The pending code at <paramref name="key"/>; <see langword="null"/> when there is none or it cannot be read. Its
    /// own end is not checked here: the store's clock is not the application's.
    /// </summary>
    Task<PendingCode?> ReadPendingCodeAsync(string key);

    /// <summary>
    /// Removes the pending code at <paramref name="key"/> only if it is still the one with <paramref name="requestId"/>:
    /// a code sent in the meantime stays. Returns whether this call removed it, so that of two callers at most one can.
    /// </summary>
    Task<bool> RemovePendingCodeAsync(string key, string requestId);

    /// <summary>
    /// Spends one attempt of the pending code at <paramref name="key"/>, if it is still the one with
    /// <paramref name="requestId"/> and has one left of <paramref name="maxAttempts"/>. Checks at once each reserve
    /// their own, so together they never ask SignalWire more often than the code allows.
    /// </summary>
    Task<AttemptReservation> ReserveAttemptAsync(string key, string requestId, int maxAttempts);

    /// <summary>
    /// Gives back one reserved attempt of the pending code at <paramref name="key"/>, if it is still the one with
    /// <paramref name="requestId"/>, has a spent attempt and is not used up. Returns whether one was given back.
    /// </summary>
    Task<bool> ReturnAttemptAsync(string key, string requestId);

    /// <summary>
    /// Marks the pending code at <paramref name="key"/> used up, if it is still the one with <paramref name="requestId"/>:
    /// no attempt is left and none is given back. Returns whether it was marked.
    /// </summary>
    Task<bool> MarkUsedUpAsync(string key, string requestId);

    /// <summary>
    /// Counts one verified code in each guard window of <paramref name="windowKeys"/> (one per tier, in one step), each
    /// of which lives for <paramref name="windowLifetime"/> from its first count.
    /// </summary>
    Task CountVerifiedAsync(IReadOnlyList<string> windowKeys, TimeSpan windowLifetime);

    /// <summary>
    /// Sets the clearance at <paramref name="key"/> for <paramref name="lifetime"/>: the next send that meets a stopped
    /// guard tier with this key in its <see cref="GuardCharge.ClearanceKey"/> goes out and uses it up.
    /// </summary>
    Task SetClearanceAsync(string key, TimeSpan lifetime);

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="key"/>, with no expiry, unless a value is there already, and
    /// returns the value that is there afterwards: of several instances racing, all get the first one written.
    /// </summary>
    Task<byte[]> GetOrAddAsync(string key, byte[] value);
}
