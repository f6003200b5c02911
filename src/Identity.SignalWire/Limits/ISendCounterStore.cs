namespace Identity.SignalWire;

/// <summary>Shared counters for the send budgets, kept where every instance of a site sees them.</summary>
internal interface ISendCounterStore
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
}
