using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Infrastructure;

/// <summary>An in-memory distributed cache that also shows what was written, so tests can read keys and values.</summary>
internal sealed class RecordingDistributedCache : IDistributedCache
{
    private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

    public ConcurrentDictionary<string, (byte[] Value, DistributedCacheEntryOptions Options)> Writes { get; } = new();

    public bool ThrowOnAccess { get; set; }

    /// <summary>Gets or sets whether reads and writes yield first, as a cache across the network does.</summary>
    public bool YieldOnAccess { get; set; }

    public byte[]? Get(string key) => Guard(() => _inner.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        await YieldAsync();
        return await Guard(() => _inner.GetAsync(key, token));
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        Writes[key] = (value, options);
        Guard(() => { _inner.Set(key, value, options); return 0; });
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        await YieldAsync();
        Writes[key] = (value, options);
        await Guard(() => _inner.SetAsync(key, value, options, token));
    }

    public void Refresh(string key) => _inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);

    public void Remove(string key) => _inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => Guard(() => _inner.RemoveAsync(key, token));

    private async Task YieldAsync()
    {
        if (YieldOnAccess)
        {
            await Task.Yield();
        }
    }

    private T Guard<T>(Func<T> action) =>
        ThrowOnAccess ? throw new InvalidOperationException("The cache is unreachable (test).") : action();
}
