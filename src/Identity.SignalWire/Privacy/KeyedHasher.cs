using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of user ids, purposes and numbers for cache keys, counters and code bindings, so that
/// nothing in the cache reveals who signed in or which number got a code. A plain hash would not do: there are few
/// enough phone numbers to hash them all and compare.
/// </summary>
/// <remarks>
/// The key comes from <see cref="SignalWireMfaOptions.HashKey"/> when it is set. Otherwise a random key is made once,
/// protected with the application's Data Protection keys and kept in the distributed cache, so that every instance
/// sharing the cache and the Data Protection keys uses the same one. If that entry is lost (a Redis restart without
/// persistence, a flush, an eviction), a new key is made: codes pending at that moment can no longer be checked and
/// send counters start again. Each instance reads the shared key again after <see cref="SharedKeyRefresh"/>, so that
/// instances that kept the old key in memory follow the new one within that time rather than never.
/// </remarks>
internal sealed class KeyedHasher(
    IAtomicStore store,
    IDataProtectionProvider dataProtection,
    IOptions<SignalWireMfaOptions> options,
    TimeProvider time)
{
    /// <summary>How long an instance trusts the shared key it read before reading it again.</summary>
    internal static readonly TimeSpan SharedKeyRefresh = TimeSpan.FromSeconds(30);

    private const string ProtectorPurpose = "Identity.SignalWire.KeyedHasher.v1";
    private static readonly byte[] DerivationInfo = Encoding.UTF8.GetBytes("Identity.SignalWire keyed hash v1");

    private readonly SignalWireMfaOptions _options = options.Value;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile LoadedKey? _key;

    // One HMAC instance a thread, made again when the key changes: HMACSHA256.HashData sets up the key's inner and
    // outer pads on every call, which is most of the cost of hashing a short input.
    [ThreadStatic]
    private static HMACSHA256? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    /// <summary>The keyed hash of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.</summary>
    public ValueTask<string> HashAsync(params string[] parts)
    {
        var loaded = _key;
        return loaded is not null && !IsStale(loaded)
            ? new ValueTask<string>(Hash(loaded.Bytes, parts))
            : HashAfterLoadingAsync(parts);
    }

    private async ValueTask<string> HashAfterLoadingAsync(string[] parts) =>
        Hash(await LoadKeyAsync().ConfigureAwait(false), parts);

    private static string Hash(byte[] key, string[] parts)
    {
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacKey, key))
        {
            hmac?.Dispose();
            t_hmac = hmac = new HMACSHA256(key);
            t_hmacKey = key;
        }

        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetMaxByteCount(part.Length) + 12;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                part.Length.TryFormat(buffer.AsSpan(written), out var digits, provider: CultureInfo.InvariantCulture);
                written += digits;
                buffer[written++] = (byte)':';
                written += Encoding.UTF8.GetBytes(part, buffer.AsSpan(written));
                buffer[written++] = (byte)'|';
            }

            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.TryComputeHash(buffer.AsSpan(0, written), hash, out _);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A configured key never changes; a shared one is read again once it is older than SharedKeyRefresh.
    private bool IsStale(LoadedKey key) =>
        string.IsNullOrEmpty(_options.HashKey) && time.GetUtcNow() - key.LoadedAt >= SharedKeyRefresh;

    private async Task<byte[]> LoadKeyAsync()
    {
        await _loading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_key is { } loaded && !IsStale(loaded))
            {
                return loaded.Bytes;
            }

            var bytes = string.IsNullOrEmpty(_options.HashKey)
                ? await SharedRandomKeyAsync().ConfigureAwait(false)
                : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(_options.HashKey), 32, info: DerivationInfo);
            _key = new LoadedKey(bytes, time.GetUtcNow());
            return bytes;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<byte[]> SharedRandomKeyAsync()
    {
        var protector = dataProtection.CreateProtector(ProtectorPurpose);
        var entry = _options.CacheKeyPrefix + "hash-key";

        // Created once: instances starting together all keep the first key written.
        var stored = await store.GetOrAddAsync(entry, protector.Protect(RandomNumberGenerator.GetBytes(32))).ConfigureAwait(false);

        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                "The SignalWire hashing key in the distributed cache cannot be read with this application's Data Protection keys. " +
                "Share Data Protection keys between the instances of the site (for example PersistKeysToStackExchangeRedis), or set SignalWire:HashKey.",
                exception);
        }
    }

    private sealed record LoadedKey(byte[] Bytes, DateTimeOffset LoadedAt);
}
