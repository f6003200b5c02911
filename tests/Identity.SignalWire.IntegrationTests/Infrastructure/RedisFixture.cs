using Identity.SignalWire.Testing;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// One private Redis server for every test of the <see cref="IntegrationCollection"/>, and one three-master Redis
/// Cluster beside it, started by the first test that asks for it (so that a run of other tests does not pay for it).
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly Lazy<Task<RedisCluster>> _cluster = new(() => RedisCluster.StartAsync(masters: 3));
    private RedisServer? _server;

    internal RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    /// <summary>The Redis of <paramref name="topology"/>, shared by every test that asks for it.</summary>
    internal async Task<RedisDeployment> OfAsync(RedisTopology topology) =>
        topology == RedisTopology.Cluster ? await _cluster.Value : Server;

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_cluster.IsValueCreated && _cluster.Value.IsCompletedSuccessfully)
        {
            await _cluster.Value.Result.DisposeAsync();
        }
    }
}

/// <summary>
/// Every integration test runs in this one collection, one test at a time: each starts Kestrel servers and a share of
/// 200-user load, and on a two-core machine running them side by side would turn timing faults into flaky ones.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Integration";
}
