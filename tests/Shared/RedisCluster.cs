using System.Diagnostics;
using System.Globalization;

namespace Identity.SignalWire.Testing;

/// <summary>
/// A private Redis Cluster on 127.0.0.1: masters that share the 16,384 hash slots evenly, each with as many replicas as
/// asked, every node a <see cref="RedisServer"/> on free ports with no persistence. It is made with the cluster
/// commands themselves (ADDSLOTSRANGE, MEET, REPLICATE) rather than <c>redis-cli --cluster create</c>, so that it
/// waits for exactly the states the tests need: the cluster served, and every replica in sync. It stops exactly the
/// processes it started and deletes the node files it made. It needs Redis 7.0 or later (ADDSLOTSRANGE, cluster-port).
/// </summary>
internal sealed class RedisCluster : RedisDeployment, IAsyncDisposable
{
    private const int SlotCount = 16_384;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    // The masters first, then their replicas.
    private readonly List<RedisServer> _nodes = [];

    private RedisCluster(string directory) => _directory = directory;

    /// <inheritdoc />
    /// <remarks>All the nodes, as an application lists them, so that it still finds the cluster while one is down.</remarks>
    public override string Configuration => string.Join(',', _nodes.Select(node => node.Configuration));

    /// <summary>Starts the cluster and returns once it serves every slot and every replica is in sync.</summary>
    /// <param name="masters">The number of masters; the slots are split evenly among them.</param>
    /// <param name="replicasPerMaster">The number of replicas each master gets; a master without one cannot fail over.</param>
    /// <param name="nodeTimeout">
    /// How long a node may stay silent before the others take it for failed (Redis's <c>cluster-node-timeout</c>). A
    /// short one makes a failover quick, but on a busy machine may take a slow node for a dead one.
    /// </param>
    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicasPerMaster = 0, TimeSpan? nodeTimeout = null)
    {
        var cluster = new RedisCluster(Path.Combine(Path.GetTempPath(), "identity-signalwire-cluster-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(cluster._directory);
        try
        {
            var timeout = ((long)(nodeTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            var started = await Task.WhenAll(Enumerable.Range(0, masters * (1 + replicasPerMaster)).Select(_ => cluster.StartNodeAsync(timeout)));
            cluster._nodes.AddRange(started.Select(node => node.Server));
            await cluster.FormAsync(masters, started.Select(node => node.BusPort).ToList());
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The running master that serves <paramref name="key"/>'s hash slot, as the cluster sees it now.</summary>
    public async Task<RedisServer> MasterOfAsync(string key)
    {
        var any = _nodes.First(node => node.IsRunning);
        var slot = int.Parse((await any.CommandAsync("CLUSTER", "KEYSLOT", key))!, CultureInfo.InvariantCulture);
        var owner = MastersWithSlots(await any.CommandAsync("CLUSTER", "NODES")).Single(master => !master.Failing && master.Ranges.Any(range => Covers(range, slot)));
        return _nodes.Single(node => node.Port == owner.Port);
    }

    /// <summary>
    /// Waits until every running node says the cluster is served (<c>cluster_state:ok</c>) by running masters only
    /// (after a master was stopped: once its replica has taken over), and every running replica is linked to its
    /// master and has caught up with what it wrote.
    /// </summary>
    public Task WaitUntilHealthyAsync() => WaitForAsync(IsHealthyAsync, "every slot served and every replica in sync");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover node file in the temp directory is harmless; failing the tests for it would not be.
        }
    }

    private static bool Covers(string range, int slot)
    {
        if (range.StartsWith('['))
        {
            return false; // A slot being migrated or imported, never the case in these clusters.
        }

        var bounds = range.Split('-');
        return slot >= int.Parse(bounds[0], CultureInfo.InvariantCulture) && slot <= int.Parse(bounds[^1], CultureInfo.InvariantCulture);
    }

    // The masters a node's CLUSTER NODES lists with slots: "id 127.0.0.1:port@busport flags master ping pong epoch link
    // slot-range …"; flagged "fail?" or "fail" when the node suspects or knows that the master is down.
    private static IEnumerable<(int Port, bool Failing, string[] Ranges)> MastersWithSlots(string? clusterNodes) =>
        (clusterNodes ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 8 && fields[2].Contains("master", StringComparison.Ordinal))
            .Select(fields => (
                int.Parse(fields[1][(fields[1].IndexOf(':', StringComparison.Ordinal) + 1)..fields[1].IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture),
                fields[2].Contains("fail", StringComparison.Ordinal),
                fields[8..]));

    private static Dictionary<string, string> Fields(string? info) =>
        (info ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#') && line.Contains(':', StringComparison.Ordinal))
            .ToDictionary(line => line[..line.IndexOf(':', StringComparison.Ordinal)], line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    // The cluster bus port is given too: its default, the port plus 10,000, is often above 65,535 or taken.
    private async Task<(RedisServer Server, int BusPort)> StartNodeAsync(string nodeTimeout)
    {
        var busPort = 0;
        var server = await RedisServer.StartAsync(() =>
        {
            busPort = RedisServer.FreeLoopbackPort();
            return
            [
                "--cluster-enabled", "yes",
                "--cluster-config-file", Path.Combine(_directory, $"nodes-{Guid.NewGuid():N}.conf"),
                "--cluster-port", busPort.ToString(CultureInfo.InvariantCulture),
                "--cluster-node-timeout", nodeTimeout,
                // A replica syncs at once, not after the default five seconds of waiting for more replicas to join.
                "--repl-diskless-sync-delay", "0",
            ];
        });
        return (server, busPort);
    }

    private async Task FormAsync(int masters, IReadOnlyList<int> busPorts)
    {
        // Distinct epochs before the nodes meet, as redis-cli gives them, so that no collision has to be settled first.
        for (var i = 0; i < _nodes.Count; i++)
        {
            await _nodes[i].CommandAsync("CLUSTER", "SET-CONFIG-EPOCH", (i + 1).ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 0; i < masters; i++)
        {
            await _nodes[i].CommandAsync(
                "CLUSTER", "ADDSLOTSRANGE", (i * SlotCount / masters).ToString(CultureInfo.InvariantCulture), ((i + 1) * SlotCount / masters - 1).ToString(CultureInfo.InvariantCulture));
        }

        for (var i = 1; i < _nodes.Count; i++)
        {
            await _nodes[0].CommandAsync(
                "CLUSTER", "MEET", "127.0.0.1", _nodes[i].Port.ToString(CultureInfo.InvariantCulture), busPorts[i].ToString(CultureInfo.InvariantCulture));
        }

        // A replica can follow only a master it has heard of through the cluster bus.
        var masterIds = await Task.WhenAll(_nodes.Take(masters).Select(node => node.CommandAsync("CLUSTER", "MYID")));
        for (var i = masters; i < _nodes.Count; i++)
        {
            var master = masterIds[i % masters]!;
            await WaitForAsync(async () => (await _nodes[i].CommandAsync("CLUSTER", "NODES"))!.Contains(master + " ", StringComparison.Ordinal), "each replica knowing its master");
            await _nodes[i].CommandAsync("CLUSTER", "REPLICATE", master);
        }

        await WaitUntilHealthyAsync();
    }

    private async Task<bool> IsHealthyAsync()
    {
        foreach (var node in _nodes.Where(node => node.IsRunning))
        {
            // Until the others notice that a stopped master is gone, they still say "ok" and list it as serving.
            if (Fields(await node.CommandAsync("CLUSTER", "INFO"))["cluster_state"] != "ok"
                || MastersWithSlots(await node.CommandAsync("CLUSTER", "NODES")).Any(master => master.Failing || !_nodes.Single(other => other.Port == master.Port).IsRunning))
            {
                return false;
            }

            var replication = Fields(await node.CommandAsync("INFO", "replication"));
            if (replication["role"] != "slave")
            {
                continue;
            }

            var master = _nodes.SingleOrDefault(other => other.Port.ToString(CultureInfo.InvariantCulture) == replication["master_port"]);
            if (replication["master_link_status"] != "up" || master is not { IsRunning: true })
            {
                return false;
            }

            var written = long.Parse(Fields(await master.CommandAsync("INFO", "replication"))["master_repl_offset"], CultureInfo.InvariantCulture);
            if (long.Parse(replication["slave_repl_offset"], CultureInfo.InvariantCulture) < written)
            {
                return false;
            }
        }

        return true;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > ReadyTimeout)
            {
                var states = await Task.WhenAll(_nodes.Where(node => node.IsRunning).Select(async node =>
                    $"{node.Port}:{Environment.NewLine}{await node.CommandAsync("CLUSTER", "NODES")}{await node.CommandAsync("INFO", "replication")}"));
                throw new TimeoutException(
                    $"The Redis Cluster did not reach {what} within {ReadyTimeout}:{Environment.NewLine}{string.Join(Environment.NewLine, states)}");
            }

            await Task.Delay(50);
        }
    }
}
