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

    /// <summary>
    /// Stores <paramref name="value"/> at <paramref name="key"/>, with no expiry, unless a value is there already, and
    /// returns the value that is there afterwards: of several instances racing, all get the first one written.
    /// </summary>
    Task<byte[]> GetOrAddAsync(string key, byte[] value);
}
