using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Limits;

public sealed class DistributedCacheAtomicStoreTests
{
    // Ahead of the real clock, so that the memory cache (which expires on the real clock) keeps what the store writes
    // and the store alone decides, on this clock, when a window has ended.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddDays(1));
    private readonly MemoryDistributedCache _cache;
    private readonly DistributedCacheAtomicStore _store;

    public DistributedCacheAtomicStoreTests()
    {
        _cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _store = new DistributedCacheAtomicStore(_cache, _time);
    }

    [Fact]
    public async Task Counts_within_a_window_that_starts_with_the_first_count()
    {
        Assert.Equal((1, TimeSpan.FromMinutes(10)), await _store.IncrementAsync("k", TimeSpan.FromMinutes(10)));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal((2, TimeSpan.FromMinutes(6)), await _store.IncrementAsync("k", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task A_new_window_starts_once_the_old_one_ends()
    {
        await _store.IncrementAsync("k", TimeSpan.FromMinutes(10));
        await _store.IncrementAsync("k", TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal((1, TimeSpan.FromMinutes(10)), await _store.IncrementAsync("k", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task A_cooldown_refuses_until_it_ends()
    {
        Assert.Null(await _store.TryStartCooldownAsync("c", TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(18), await _store.TryStartCooldownAsync("c", TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(18));
        Assert.Null(await _store.TryStartCooldownAsync("c", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_entry_that_is_not_a_counter_counts_as_none()
    {
        await _cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions());

        Assert.Equal(1, (await _store.IncrementAsync("k", TimeSpan.FromMinutes(1))).Count);
    }
}
