using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Keeps the pending code of each user and purpose in the distributed cache, so that any instance of a site can
/// check a code another instance sent. Keys and bindings are keyed hashes: no user id, e-mail or number sits in the
/// cache.
/// </summary>
internal sealed class PendingCodeStore(IDistributedCache cache, KeyedHasher hasher, IOptions<SignalWireMfaOptions> options)
{
    private readonly string _prefix = options.Value.CacheKeyPrefix;

    /// <summary>The hasher that also makes the bindings of a <see cref="PendingCode"/>.</summary>
    public KeyedHasher Hasher => hasher;

    /// <summary>The cache key of one provider, purpose and user.</summary>
    public async Task<string> KeyForAsync(string providerName, string purpose, string userId) =>
        _prefix + "code:" + await hasher.HashAsync(providerName, purpose, userId).ConfigureAwait(false);

    /// <summary>Stores a pending code, replacing any earlier one for the same key.</summary>
    public Task SaveAsync(string key, PendingCode code, TimeSpan validFor)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(code, PendingCodeJsonContext.Default.PendingCode);
        return cache.SetAsync(key, bytes, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor });
    }

    /// <summary>Reads the pending code; <see langword="null"/> when there is none or the entry is unreadable.</summary>
    public async Task<PendingCode?> FindAsync(string key)
    {
        var bytes = await cache.GetAsync(key).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, PendingCodeJsonContext.Default.PendingCode);
        }
        catch (JsonException)
        {
            // An entry this version cannot read is treated as no pending code: the user asks for a new one.
            return null;
        }
    }

    /// <summary>Removes the pending code, so that it cannot be used again.</summary>
    public Task RemoveAsync(string key) => cache.RemoveAsync(key);
}
