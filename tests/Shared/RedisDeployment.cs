using StackExchange.Redis;

namespace Identity.SignalWire.Testing;

/// <summary>
/// A Redis that tests point a site at: one <see cref="RedisServer"/> or a <see cref="RedisCluster"/>. Tests written
/// against this type run unchanged on either, as an application does when only its configuration string changes.
/// </summary>
internal abstract class RedisDeployment
{
    /// <summary>Gets the StackExchange.Redis configuration string: the server, or the list of the cluster's nodes.</summary>
    public abstract string Configuration { get; }

    /// <summary>
    /// Lists the keys that match a glob <paramref name="pattern"/>, through a connection of the test's own. On a
    /// cluster each master holds a share of the keys, so every master that answers is asked.
    /// </summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string pattern)
    {
        await using var connection = await ConnectAsync();
        var keys = new List<string>();
        foreach (var server in connection.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    /// <summary>The time to live of <paramref name="key"/>; <see langword="null"/> when it has none or does not exist.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(string key)
    {
        await using var connection = await ConnectAsync();
        return await connection.GetDatabase().KeyTimeToLiveAsync(key);
    }

    // A node a test has stopped must not keep the test's own look at the others from connecting.
    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
