using System.Reflection;
using Xunit.Sdk;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>What a test that runs on both kinds of Redis runs on this time.</summary>
public enum RedisTopology
{
    /// <summary>One server: every key on it.</summary>
    Server,

    /// <summary>A Redis Cluster of three masters: keys spread over them by hash slot, multi-key scripts only within one slot.</summary>
    Cluster,
}

/// <summary>Runs a theory once on one Redis server and once on a Redis Cluster; the test takes a <see cref="RedisTopology"/>.</summary>
public sealed class OnServerAndClusterAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[RedisTopology.Server], [RedisTopology.Cluster]];
}
