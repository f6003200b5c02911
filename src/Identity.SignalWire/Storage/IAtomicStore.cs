namespace Identity.SignalWire;

/// <summary>
/// The operations that must be atomic across every instance of a site: the send budgets' counters and cooldowns, and
/// the shared hashing key that has to be created exactly once.
/// </summary>
internal interface IAtomicStore
{
    /// <summary>
    /// Adds one to the counter at <paramref name="key"/>, whose window starts with its first count.
    /// Returns the new count and the time left in the window.
    /// </summary>
    Task<(long Count, TimeSpan WindowLeft)> IncrementAsync(string key, TimeSpan window);

    /// <summary>
    /// Starts a cooldown at <paramref name="key"/> unless one is running. Returns <see langword="null"/> when it started,
    /// otherwise the time left of the running one.
    /// </summary>
    Task<TimeSpan?> TryStartCooldownAsync(string key, TimeSpan cooldown);

    /// <summary>Ends the cooldown at <paramref name="key"/>, if one is running.</summary>
    Task EndCooldownAsync(string key);

    /// <summary>The time left of the cooldown at <paramref name="key"/>; <see langword="null"/> when none is running.</summary>
    Task<TimeSpan?> CooldownLeftAsync(string key);

    /// <summary>
    /// Stores a pending code's cache entry for <paramref name="lifetime"/>, replacing any earlier one, in turn with
    /// <see cref="RemovePendingCodeAsync"/> and <see cref="CountWrongAnswerAsync"/> on the same key.
    /// </summary>
    Task SetPendingCodeAsync(string key, byte[] entry, TimeSpan lifetime);

    /// <summary>
    /// Removes the pending code at <paramref name="key"/> only if it is still the one with <paramref name="requestId"/>:
    /// a code sent in the meantime stays. Returns whether this call removed it, so that of two callers at most one can.
    /// </summary>
    Task<bool> RemovePendingCodeAsync(string key, string requestId);

    /// <summary>
    /// Adds one to the wrong answers of the pending code at <paramref name="key"/> if it is still the one with
    /// <paramref name="requestId"/>. Returns the new count, or <see langword="null"/> when that code is gone.
    /// </summary>
    Task<int?> CountWrongAnswerAsync(string key, string requestId);

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="key"/>, with no expiry, unless a value is there already, and
    /// returns the value that is there afterwards: of several instances racing, all get the first one written.
    /// </summary>
    Task<byte[]> GetOrAddAsync(string key, byte[] value);
}
