using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;

namespace Identity.SignalWire;

/// <summary>
/// The atomic operations on any <see cref="IDistributedCache"/>. Best effort: the cache has no atomic increment or
/// add-if-absent, so two instances counting the same key at the same moment can both read the old count (a burst can
/// get a few more sends through than the budget), and two instances starting at the same moment can each make a
/// hashing key. Use Redis when several instances serve the site.
/// </summary>
internal sealed class DistributedCacheAtomicStore(IDistributedCache cache, TimeProvider time) : IAtomicStore
{
    public async Task<(long Count, TimeSpan WindowLeft)> IncrementAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var (count, ends) = Read(await cache.GetAsync(key).ConfigureAwait(false), now) ?? (0, now + window);
        count++;
        await cache.SetAsync(key, Write(count, ends), new DistributedCacheEntryOptions { AbsoluteExpiration = ends }).ConfigureAwait(false);
        return (count, ends - now);
    }

    public async Task<TimeSpan?> TryStartCooldownAsync(string key, TimeSpan cooldown)
    {
        var now = time.GetUtcNow();
        if (Read(await cache.GetAsync(key).ConfigureAwait(false), now) is { } running)
        {
            return running.Ends - now;
        }

        var ends = now + cooldown;
        await cache.SetAsync(key, Write(1, ends), new DistributedCacheEntryOptions { AbsoluteExpiration = ends }).ConfigureAwait(false);
        return null;
    }

    public Task EndCooldownAsync(string key) => cache.RemoveAsync(key);

    public async Task<byte[]> GetOrAddAsync(string key, byte[] value)
    {
        if (await cache.GetAsync(key).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        await cache.SetAsync(key, value, new DistributedCacheEntryOptions()).ConfigureAwait(false);
        return await cache.GetAsync(key).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The distributed cache did not keep a value it was just given.");
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
