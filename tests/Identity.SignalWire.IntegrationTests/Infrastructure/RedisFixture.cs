using Identity.SignalWire.Testing;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>One private Redis server for every test of the <see cref="IntegrationCollection"/>.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    internal RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
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
