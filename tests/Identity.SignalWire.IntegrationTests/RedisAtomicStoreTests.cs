using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>The Redis side of the atomic operations the library relies on, against a real server.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisAtomicStoreTests(RedisFixture redis)
{
    // Regression: instances starting together each made a hashing key of their own ("read back" after a plain set
    // did not close the race), so they kept separate send counters and could not check each other's codes.
    [Fact]
    public async Task Of_many_instances_racing_to_create_the_hashing_key_all_get_the_first_one_written()
    {
        var options = Options.Create(new RedisCacheOptions { Configuration = redis.Server.Configuration, InstanceName = $"atomic-{Guid.NewGuid():N}:" });
        var stores = Enumerable.Range(0, 8).Select(_ => new RedisAtomicStore(options)).ToList();
        try
        {
            var offered = Enumerable.Range(0, 50).Select(i => new[] { (byte)i }).ToList();
            var kept = await Task.WhenAll(offered.Select((value, i) => stores[i % stores.Count].GetOrAddAsync("hash-key", value)));

            Assert.Single(kept.Select(value => Convert.ToHexString(value)).Distinct());
            Assert.Contains(offered, value => value.SequenceEqual(kept[0]));
            Assert.Equal(kept[0], await stores[0].GetOrAddAsync("hash-key", [99]));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
