using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Identity;

public sealed class KeyedHasherTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("identity-signalwire-keys-");
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    private readonly FakeTimeProvider _time = new();

    private KeyedHasher Hasher(string? hashKey = null, DirectoryInfo? keys = null) =>
        new(new DistributedCacheAtomicStore(_cache, _time),
            DataProtectionProvider.Create(keys ?? _keys),
            Options.Create(new SignalWireMfaOptions { HashKey = hashKey }),
            _time);

    [Fact]
    public async Task Instances_sharing_the_cache_and_Data_Protection_keys_hash_alike()
    {
        var first = await Hasher().HashAsync("user-1", "TwoFactor");
        var second = await Hasher().HashAsync("user-1", "TwoFactor");

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public async Task The_hash_is_keyed_not_a_plain_hash_of_the_input()
    {
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("12:+12015550123|"u8));

        var keyed = await Hasher().HashAsync("+12015550123");

        Assert.NotEqual(plain, keyed);
        Assert.NotEqual(keyed, await Hasher(hashKey: new string('k', 32)).HashAsync("+12015550123"));
    }

    [Fact]
    public async Task Parts_are_kept_apart()
    {
        var hasher = Hasher(hashKey: new string('k', 32));
        Assert.NotEqual(await hasher.HashAsync("ab", "c"), await hasher.HashAsync("a", "bc"));
    }

    [Fact]
    public async Task A_configured_HashKey_needs_no_cache_entry()
    {
        await Hasher(hashKey: new string('k', 32)).HashAsync("x");

        Assert.Null(await _cache.GetAsync(SignalWireDefaults.CacheKeyPrefix + "hash-key"));
    }

    [Fact]
    public async Task The_shared_key_is_stored_protected_never_in_clear()
    {
        await Hasher().HashAsync("x");

        var stored = await _cache.GetAsync(SignalWireDefaults.CacheKeyPrefix + "hash-key");
        Assert.NotNull(stored);
        Assert.True(stored.Length > 32);
    }

    [Fact]
    public async Task Instances_with_other_Data_Protection_keys_get_a_clear_error()
    {
        await Hasher().HashAsync("x");
        var otherKeys = Directory.CreateTempSubdirectory("identity-signalwire-other-keys-");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Hasher(keys: otherKeys).HashAsync("x").AsTask());
            Assert.Contains("Share Data Protection keys", error.Message, StringComparison.Ordinal);
            Assert.Contains("SignalWire:HashKey", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            otherKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task After_the_shared_key_is_lost_every_instance_follows_the_new_one_within_the_refresh_time()
    {
        var older = Hasher();
        var before = await older.HashAsync("user-1");

        // Redis restarted empty: a new instance makes a new key while the older one still has the old key in memory.
        await _cache.RemoveAsync(SignalWireDefaults.CacheKeyPrefix + "hash-key");
        var newer = Hasher();
        var after = await newer.HashAsync("user-1");
        Assert.NotEqual(before, after);
        Assert.Equal(before, await older.HashAsync("user-1"));

        _time.Advance(KeyedHasher.SharedKeyRefresh);

        Assert.Equal(after, await older.HashAsync("user-1"));
    }

    [Fact]
    public async Task A_configured_key_is_not_read_again()
    {
        var hasher = Hasher(hashKey: new string('k', 32));
        var first = await hasher.HashAsync("x");
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(first, await hasher.HashAsync("x"));
    }

    public void Dispose() => _keys.Delete(recursive: true);
}
