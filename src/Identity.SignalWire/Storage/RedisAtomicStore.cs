using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identity.SignalWire;

/// <summary>
/// The atomic operations in Redis: all budgets of a send by one Lua script (one round trip, atomic because Redis runs
/// a script alone), changes to a pending code by scripts that first check its request ID (in keys of the library's own:
/// see <c>RedisAtomicStore.PendingCodes.cs</c>), and the shared hashing key
/// by SET NX, so that many instances and many parallel requests let exactly each budget through and agree on one
/// key. It connects with the settings of the Redis cache the application already configured
/// (<see cref="RedisCacheOptions"/>), and prefixes keys with its <see cref="RedisCacheOptions.InstanceName"/>. Where
/// the application gives a <see cref="RedisCacheOptions.ConnectionMultiplexerFactory"/>, it shares that connection
/// and leaves it open when it is disposed: the connection belongs to the application.
/// </summary>
/// <remarks>
/// Redis Cluster runs a script only when all its keys live in one hash slot. <see cref="SendBudget"/> puts one hash
/// tag, <c>{prefix + "budgets"}</c>, in every key it makes, so every key of a send (cooldown, counters, guard) hashes
/// to the same slot. The price: on a cluster, the library's budgets live on one shard.
/// </remarks>
internal sealed partial class RedisAtomicStore(IOptions<RedisCacheOptions> redisOptions) : IAtomicStore, IAsyncDisposable
{
    // KEYS: the cooldown (when ARGV[1] > 0), then ARGV[2] counters, then the guard's keys (RedisAtomicStore.Guard.cs).
    // ARGV: cooldown ms, counter count, each counter's limit and window ms, then the guard's. Returns { refused-by
    // (0 = charged, 1 = cooldown, 2.. = counters, then the guard), wait ms, tiers tripped, tiers stopped, cleared }.
    // Everything is checked first and only then charged, so a refused send changes no count.
    private const string ChargeScript = $$"""
        local k, cooldown, n = 1, tonumber(ARGV[1]), tonumber(ARGV[2])
        if cooldown > 0 then
          local left = redis.call('PTTL', KEYS[1])
          if left > 0 then return { 1, left, 0, 0, 0 } end
          k = 2
        end
        for i = 0, n - 1 do
          if tonumber(redis.call('GET', KEYS[k + i]) or '0') >= tonumber(ARGV[3 + 2 * i]) then
            return { 2 + i, redis.call('PTTL', KEYS[k + i]), 0, 0, 0 }
          end
        end
        {{GuardCheckScript}}
        if cooldown > 0 then redis.call('SET', KEYS[1], '1', 'PX', cooldown) end
        for i = 0, n - 1 do
          redis.call('INCR', KEYS[k + i])
          if redis.call('PTTL', KEYS[k + i]) < 0 then redis.call('PEXPIRE', KEYS[k + i], ARGV[4 + 2 * i]) end
        end
        {{GuardCountScript}}
        return { 0, 0, tripped, stopped, cleared }
        """;

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly string _instanceName = redisOptions.Value.InstanceName ?? string.Empty;
    private IConnectionMultiplexer? _connection;
    private bool _ownsConnection;

    public async Task<ChargeOutcome> ChargeAsync(SendCharge charge)
    {
        var keys = new List<RedisKey>(charge.Counters.Count + 8);
        var values = new List<RedisValue>(charge.Counters.Count * 2 + 12);
        values.Add(charge.Cooldown is { } cooldown ? Milliseconds(cooldown.Length) : 0);
        values.Add(charge.Counters.Count);
        if (charge.Cooldown is { } start)
        {
            keys.Add(_instanceName + start.Key);
        }

        foreach (var counter in charge.Counters)
        {
            keys.Add(_instanceName + counter.Key);
            values.Add(counter.Limit);
            values.Add(Milliseconds(counter.Window));
        }

        AddGuard(charge.Guard, keys, values);
        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ChargeScript, [.. keys], [.. values]).ConfigureAwait(false))!;
        var refusedBy = (int)result[0];
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        var (tripped, stopped, cleared) = ((int)result[2], (int)result[3], (int)result[4] == 1);
        return refusedBy switch
        {
            0 => ChargeOutcome.Charged(tripped, stopped, cleared),
            1 => new ChargeOutcome(SignalWireSendLimit.ResendCooldown, wait),
            _ when refusedBy - 2 < charge.Counters.Count => new ChargeOutcome(charge.Counters[refusedBy - 2].Budget, wait),
            _ => new ChargeOutcome(SignalWireSendLimit.ChallengeRequired, wait, tripped, stopped),
        };
    }

    public async Task EndCooldownAsync(string key)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.KeyDeleteAsync((RedisKey)(_instanceName + key)).ConfigureAwait(false);
    }

    public async Task<TimeSpan?> CooldownLeftAsync(string key)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        return await database.KeyTimeToLiveAsync((RedisKey)(_instanceName + key)).ConfigureAwait(false) is { } left && left > TimeSpan.Zero
            ? left
            : null;
    }

    public async Task<byte[]> GetOrAddAsync(string key, byte[] value)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var redisKey = (RedisKey)(_instanceName + key);
        await database.StringSetAsync(redisKey, value, when: When.NotExists).ConfigureAwait(false);
        return (byte[]?)await database.StringGetAsync(redisKey).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Redis did not keep a value it was just given.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null && _ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connecting.Dispose();
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private async Task<IDatabase> DatabaseAsync()
    {
        if (_connection is null)
        {
            await _connecting.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_connection is null)
                {
                    (_connection, _ownsConnection) = await ConnectAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _connecting.Release();
            }
        }

        return _connection.GetDatabase();
    }

    private async Task<(IConnectionMultiplexer Connection, bool Owned)> ConnectAsync()
    {
        var settings = redisOptions.Value;
        if (settings.ConnectionMultiplexerFactory is { } factory)
        {
            return (await factory().ConfigureAwait(false), false);
        }

        var configuration = settings.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(settings.Configuration ?? string.Empty);

        // As the Redis cache does: a server that is down at start-up must not break the application; calls fail later.
        configuration.AbortOnConnectFail = false;
        return (await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false), true);
    }
}
