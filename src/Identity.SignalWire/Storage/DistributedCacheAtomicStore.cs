using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace Identity.SignalWire;

/// <summary>
/// The atomic operations on any <see cref="IDistributedCache"/>. Exact within one process: the budgets of a send are
/// checked and charged under one lock (a send touches several keys, and the guard and site counters are shared by
/// every send), and every other operation on a key runs alone (a lock per key stripe), so parallel requests to one
/// instance count exactly. Best effort across processes: the cache has no atomic increment or compare-and-remove, so
/// two instances charging the same budget at the same moment can both read the old count (a burst can get a few more
/// sends through than the budget). Use Redis when several instances serve the site.
/// </summary>
internal sealed partial class DistributedCacheAtomicStore(IDistributedCache cache, TimeProvider time) : IAtomicStore
{
    // A fixed set of locks that keys share by hash: bounded memory, and two keys only wait for each other by chance.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    // Charges and verified counts: the keys they share (the site's hourly count, a region's guard window) are hot.
    private readonly SemaphoreSlim _charging = new(1, 1);

    public async Task<ChargeOutcome> ChargeAsync(SendCharge charge)
    {
        await _charging.WaitAsync().ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (charge.Cooldown is { } cooldown && await ReadAsync(cooldown.Key, now).ConfigureAwait(false) is { } running)
            {
                return new ChargeOutcome(SignalWireSendLimit.ResendCooldown, running.Ends - now);
            }

            var counts = new Entry?[charge.Counters.Count];
            for (var i = 0; i < counts.Length; i++)
            {
                var counter = charge.Counters[i];
                counts[i] = await ReadAsync(counter.Key, now).ConfigureAwait(false);
                if (counts[i] is { } full && full.First >= counter.Limit)
                {
                    return new ChargeOutcome(counter.Budget, full.Ends - now);
                }
            }

            // Each tier's current window, read once: judged here, then counted below.
            var windows = new Entry?[charge.Guard?.Tiers.Count ?? 0];
            var guard = await CheckGuardAsync(charge.Guard, windows, now).ConfigureAwait(false);
            if (guard.RefusedBy is not null)
            {
                return guard;
            }

            if (charge.Cooldown is { } start)
            {
                await WriteAsync(start.Key, new Entry(1, 0, now + start.Length)).ConfigureAwait(false);
            }

            for (var i = 0; i < counts.Length; i++)
            {
                var counter = charge.Counters[i];
                var count = counts[i] ?? new Entry(0, 0, now + counter.Window);
                await WriteAsync(counter.Key, count with { First = count.First + 1 }).ConfigureAwait(false);
            }

            await CountGuardSendAsync(charge.Guard, windows, now).ConfigureAwait(false);
            return guard;
        }
        finally
        {
            _charging.Release();
        }
    }

    public Task EndCooldownAsync(string key) => LockedAsync(key, async () =>
    {
        await cache.RemoveAsync(key).ConfigureAwait(false);
        return true;
    });

    public async Task<TimeSpan?> CooldownLeftAsync(string key)
    {
        var now = time.GetUtcNow();
        return await ReadAsync(key, now).ConfigureAwait(false) is { } running ? running.Ends - now : null;
    }

    // Exact in one process: the read, the comparison and the write run under the key's lock.
    public Task<bool> StorePendingCodeAsync(string key, PendingCode code, TimeSpan lifetime) => LockedAsync(key, async () =>
    {
        if (await ReadPendingCodeAsync(key).ConfigureAwait(false) is { } stored && stored.BeganAfter(code))
        {
            return false;
        }

        await cache.SetAsync(key, code.ToBytes(), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }).ConfigureAwait(false);
        return true;
    });

    // The entry is the cache's own value (PendingCodeEntry's JSON), read by the cache's public API.
    public async Task<PendingCode?> ReadPendingCodeAsync(string key) => PendingCode.FromBytes(await cache.GetAsync(key).ConfigureAwait(false));

    public Task<bool> RemovePendingCodeAsync(string key, string requestId) => LockedAsync(key, async () =>
    {
        if (await ReadIfStillAsync(key, requestId).ConfigureAwait(false) is null)
        {
            return false;
        }

        await cache.RemoveAsync(key).ConfigureAwait(false);
        return true;
    });

    public Task<AttemptReservation> ReserveAttemptAsync(string key, string requestId, int maxAttempts) => LockedAsync(key, async () =>
    {
        var pending = await ReadIfStillAsync(key, requestId).ConfigureAwait(false);
        if (pending is null)
        {
            return AttemptReservation.CodeGone;
        }

        if (pending.AttemptsLeft(maxAttempts) == 0)
        {
            return AttemptReservation.NoAttemptsLeft;
        }

        await RewritePendingCodeAsync(key, pending with { Attempts = pending.Attempts + 1 }).ConfigureAwait(false);
        return AttemptReservation.Reserved;
    });

    public Task<bool> ReturnAttemptAsync(string key, string requestId) => LockedAsync(key, async () =>
    {
        var pending = await ReadIfStillAsync(key, requestId).ConfigureAwait(false);
        if (pending is null || pending.UsedUp || pending.Attempts <= 0)
        {
            return false;
        }

        await RewritePendingCodeAsync(key, pending with { Attempts = pending.Attempts - 1 }).ConfigureAwait(false);
        return true;
    });

    public Task<bool> MarkUsedUpAsync(string key, string requestId) => LockedAsync(key, async () =>
    {
        var pending = await ReadIfStillAsync(key, requestId).ConfigureAwait(false);
        if (pending is null)
        {
            return false;
        }

        await RewritePendingCodeAsync(key, pending with { UsedUp = true }).ConfigureAwait(false);
        return true;
    });

    public Task<byte[]> GetOrAddAsync(string key, byte[] value) => LockedAsync(key, async () =>
    {
        if (await cache.GetAsync(key).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        await cache.SetAsync(key, value, new DistributedCacheEntryOptions()).ConfigureAwait(false);
        return await cache.GetAsync(key).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The distributed cache did not keep a value it was just given.");
    });

    private async Task<T> LockedAsync<T>(string key, Func<Task<T>> operation)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync().ConfigureAwait(false);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    // The pending code at the key, if it is still the one with the request ID; call under the key's lock.
    private async Task<PendingCode?> ReadIfStillAsync(string key, string requestId) =>
        await ReadPendingCodeAsync(key).ConfigureAwait(false) is { } pending && pending.RequestId == requestId ? pending : null;

    // A changed pending code keeps its own end.
    private Task RewritePendingCodeAsync(string key, PendingCode pending) => cache.SetAsync(key, pending.ToBytes(), Until(pending.ExpiresAt));

    // Relative to now on this provider's clock, not absolute: the cache keeps time by its own clock, which a test's
    // fake clock does not move. Readers check the entry's own end, so a cache that keeps an entry longer does no harm.
    private DistributedCacheEntryOptions Until(DateTimeOffset ends)
    {
        var left = ends - time.GetUtcNow();
        return new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1) };
    }

    // An entry past its end (a cache that expires lazily) counts as none. A ValueTask: a cache that answers at once
    // (the in-process one) costs no task per read.
    private async ValueTask<Entry?> ReadAsync(string key, DateTimeOffset now)
    {
        var value = await cache.GetAsync(key).ConfigureAwait(false);
        if (value is not { Length: 24 })
        {
            return null;
        }

        var ends = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(16)), TimeSpan.Zero);
        return ends > now
            ? new Entry(BinaryPrimitives.ReadInt64LittleEndian(value), BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(8)), ends)
            : null;
    }

    private Task WriteAsync(string key, Entry entry)
    {
        var value = new byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(value, entry.First);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(8), entry.Second);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(16), entry.Ends.UtcTicks);
        return cache.SetAsync(key, value, Until(entry.Ends));
    }

    // A count (or a guard window's sends), a guard window's verified codes, and when the entry ends.
    private readonly record struct Entry(long First, long Second, DateTimeOffset Ends);
}
