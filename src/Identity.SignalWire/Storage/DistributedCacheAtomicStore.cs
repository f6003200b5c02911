using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace Identity.SignalWire;

/// <summary>
/// The atomic operations on any <see cref="IDistributedCache"/>. Exact within one process: every operation on a key
/// runs alone (a lock per key stripe), so parallel requests to one instance count exactly. Best effort across
/// processes: the cache has no atomic increment or compare-and-remove, so two instances counting the same key at the
/// same moment can both read the old count (a burst can get a few more sends through than the budget). Use Redis
/// when several instances serve the site.
/// </summary>
internal sealed class DistributedCacheAtomicStore(IDistributedCache cache, TimeProvider time) : IAtomicStore
{
    // A fixed set of locks that keys share by hash: bounded memory, and two keys only wait for each other by chance.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public Task<(long Count, TimeSpan WindowLeft)> IncrementAsync(string key, TimeSpan window) => LockedAsync(key, async () =>
    {
        var now = time.GetUtcNow();
        var (count, ends) = Read(await cache.GetAsync(key).ConfigureAwait(false), now) ?? (0, now + window);
        count++;
        await cache.SetAsync(key, Write(count, ends), new DistributedCacheEntryOptions { AbsoluteExpiration = ends }).ConfigureAwait(false);
        return (count, ends - now);
    });

    public Task<TimeSpan?> TryStartCooldownAsync(string key, TimeSpan cooldown) => LockedAsync(key, async () =>
    {
        var now = time.GetUtcNow();
        if (Read(await cache.GetAsync(key).ConfigureAwait(false), now) is { } running)
        {
            return running.Ends - now;
        }

        var ends = now + cooldown;
        await cache.SetAsync(key, Write(1, ends), new DistributedCacheEntryOptions { AbsoluteExpiration = ends }).ConfigureAwait(false);
        return (TimeSpan?)null;
    });

    public Task EndCooldownAsync(string key) => LockedAsync(key, async () =>
    {
        await cache.RemoveAsync(key).ConfigureAwait(false);
        return true;
    });

    public async Task<TimeSpan?> CooldownLeftAsync(string key)
    {
        var now = time.GetUtcNow();
        return Read(await cache.GetAsync(key).ConfigureAwait(false), now) is { } running ? running.Ends - now : null;
    }

    public Task SetPendingCodeAsync(string key, byte[] entry, TimeSpan lifetime) => LockedAsync(key, async () =>
    {
        await cache.SetAsync(key, entry, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }).ConfigureAwait(false);
        return true;
    });

    public Task<bool> RemovePendingCodeAsync(string key, string requestId) => LockedAsync(key, async () =>
    {
        if (PendingCode.FromBytes(await cache.GetAsync(key).ConfigureAwait(false))?.RequestId != requestId)
        {
            return false;
        }

        await cache.RemoveAsync(key).ConfigureAwait(false);
        return true;
    });

    public Task<int?> CountWrongAnswerAsync(string key, string requestId) => LockedAsync(key, async () =>
    {
        var pending = PendingCode.FromBytes(await cache.GetAsync(key).ConfigureAwait(false));
        if (pending is null || pending.RequestId != requestId)
        {
            return (int?)null;
        }

        var counted = pending with { WrongAnswers = pending.WrongAnswers + 1 };
        await cache.SetAsync(key, counted.ToBytes(), Until(pending.ExpiresAt)).ConfigureAwait(false);
        return counted.WrongAnswers;
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

    // Relative to now on this provider's clock, not absolute: the cache keeps time by its own clock, which a test's
    // fake clock does not move. Readers check the entry's own end, so a cache that keeps an entry longer does no harm.
    private DistributedCacheEntryOptions Until(DateTimeOffset ends)
    {
        var left = ends - time.GetUtcNow();
        return new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1) };
    }

    // Count and end of window, 8 bytes each; an entry past its end (a cache that expires lazily) counts as none.
    private static (long Count, DateTimeOffset Ends)? Read(byte[]? value, DateTimeOffset now)
    {
        if (value is not { Length: 16 })
        {
            return null;
        }

        var ends = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(value.AsSpan(8)), TimeSpan.Zero);
        return ends > now ? (BinaryPrimitives.ReadInt64LittleEndian(value), ends) : null;
    }

    private static byte[] Write(long count, DateTimeOffset ends)
    {
        var value = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(value, count);
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(8), ends.UtcTicks);
        return value;
    }
}
