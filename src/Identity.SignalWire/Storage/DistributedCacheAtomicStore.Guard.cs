namespace Identity.SignalWire;

/// <summary>
/// The pumping guard's part of a charge in any distributed cache, the same rules as the Redis script: every tier
/// judged, a stopped tier refusing an enforced send unless the user's clearance is there (then used up). Under the
/// charging lock, so exact within one process; across processes as best effort as the rest of this store.
/// </summary>
internal sealed partial class DistributedCacheAtomicStore
{
    public async Task CountVerifiedAsync(IReadOnlyList<string> windowKeys, TimeSpan windowLifetime)
    {
        await _charging.WaitAsync().ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            foreach (var windowKey in windowKeys)
            {
                var window = await ReadAsync(windowKey, now).ConfigureAwait(false) ?? new Entry(0, 0, now + windowLifetime);
                await WriteAsync(windowKey, window with { Second = window.Second + 1 }).ConfigureAwait(false);
            }
        }
        finally
        {
            _charging.Release();
        }
    }

    // Under the charging lock too: a clearance is read and used up there.
    public async Task SetClearanceAsync(string key, TimeSpan lifetime)
    {
        await _charging.WaitAsync().ConfigureAwait(false);
        try
        {
            await WriteAsync(key, new Entry(1, 0, time.GetUtcNow() + lifetime)).ConfigureAwait(false);
        }
        finally
        {
            _charging.Release();
        }
    }

    // Judges every tier (tripping those over the line) and decides the send; charges nothing but a used clearance.
    // Leaves each tier's current window in windows, for the count. Call under the charging lock.
    private async Task<ChargeOutcome> CheckGuardAsync(GuardCharge? guard, Entry?[] windows, DateTimeOffset now)
    {
        if (guard is null)
        {
            return ChargeOutcome.Charged();
        }

        int tripped = 0, stopped = 0;
        var wait = TimeSpan.Zero;
        for (var j = 0; j < guard.Tiers.Count; j++)
        {
            var tier = guard.Tiers[j];
            var current = windows[j] = await ReadAsync(tier.CurrentWindowKey, now).ConfigureAwait(false);
            if (await ReadAsync(tier.StoppedKey, now).ConfigureAwait(false) is { } stop)
            {
                stopped |= 1 << j;
                wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, (stop.Ends - now).Ticks));
                continue;
            }

            var previous = await ReadAsync(tier.PreviousWindowKey, now).ConfigureAwait(false);
            if (tier.Trips((current?.First ?? 0) + (previous?.First ?? 0), (current?.Second ?? 0) + (previous?.Second ?? 0)))
            {
                await WriteAsync(tier.StoppedKey, new Entry(1, 0, now + tier.CoolOff)).ConfigureAwait(false);
                tripped |= 1 << j;
                stopped |= 1 << j;
                wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, tier.CoolOff.Ticks));
            }
        }

        if (stopped == 0 || !guard.Enforced)
        {
            return ChargeOutcome.Charged(tripped, stopped);
        }

        if (guard.ClearanceKey is { } clearance && await ReadAsync(clearance, now).ConfigureAwait(false) is not null)
        {
            await cache.RemoveAsync(clearance).ConfigureAwait(false);
            return ChargeOutcome.Charged(tripped, stopped, cleared: true);
        }

        return new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, wait, tripped, stopped);
    }

    // Counts the charged send in every tier's current window, as CheckGuardAsync read it (nothing wrote it since: the
    // charging lock is held). Call under the charging lock.
    private async Task CountGuardSendAsync(GuardCharge? guard, Entry?[] windows, DateTimeOffset now)
    {
        for (var j = 0; j < windows.Length; j++)
        {
            var tier = guard!.Tiers[j];
            var sent = windows[j] ?? new Entry(0, 0, now + tier.WindowLifetime);
            await WriteAsync(tier.CurrentWindowKey, sent with { First = sent.First + 1 }).ConfigureAwait(false);
        }
    }
}
