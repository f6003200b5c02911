using System.Globalization;
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
    // KEYS: the cooldown (when ARGV[1] > 0), then ARGV[2] counters, then, when there are keys left, the guard's
    // current window, previous window and stopped flag. ARGV: cooldown ms, counter count, each counter's limit and
    // window ms, then the guard's minimum sends, minimum verified ratio, cool-off ms, window lifetime ms and whether
    // it is enforced. Returns { refused-by (0 = charged, 1 = cooldown, 2.. = counters, then the guard), wait ms,
    // tripped }. Everything is checked first and only then charged, so a refused send changes no count.
    private const string ChargeScript = """
        local k, cooldown, n = 1, tonumber(ARGV[1]), tonumber(ARGV[2])
        if cooldown > 0 then
          local left = redis.call('PTTL', KEYS[1])
          if left > 0 then return { 1, left, 0 } end
          k = 2
        end
        for i = 0, n - 1 do
          if tonumber(redis.call('GET', KEYS[k + i]) or '0') >= tonumber(ARGV[3 + 2 * i]) then
            return { 2 + i, redis.call('PTTL', KEYS[k + i]), 0 }
          end
        end
        local g, a, tripped = k + n, 3 + 2 * n, 0
        local guarded = #KEYS >= g
        if guarded then
          local enforced = ARGV[a + 4] == '1'
          local stopped = redis.call('PTTL', KEYS[g + 2])
          if stopped > 0 then
            if enforced then return { 2 + n, stopped, 0 } end
          else
            local now = redis.call('HMGET', KEYS[g], 'sent', 'verified')
            local before = redis.call('HMGET', KEYS[g + 1], 'sent', 'verified')
            local sent = tonumber(now[1] or '0') + tonumber(before[1] or '0')
            local verified = tonumber(now[2] or '0') + tonumber(before[2] or '0')
            if sent >= tonumber(ARGV[a]) and verified < tonumber(ARGV[a + 1]) * sent then
              redis.call('SET', KEYS[g + 2], '1', 'PX', ARGV[a + 2])
              tripped = 1
              if enforced then return { 2 + n, tonumber(ARGV[a + 2]), 1 } end
            end
          end
        end
        if cooldown > 0 then redis.call('SET', KEYS[1], '1', 'PX', cooldown) end
        for i = 0, n - 1 do
          redis.call('INCR', KEYS[k + i])
          if redis.call('PTTL', KEYS[k + i]) < 0 then redis.call('PEXPIRE', KEYS[k + i], ARGV[4 + 2 * i]) end
        end
        if guarded then
          redis.call('HINCRBY', KEYS[g], 'sent', 1)
          if redis.call('PTTL', KEYS[g]) < 0 then redis.call('PEXPIRE', KEYS[g], ARGV[a + 3]) end
        end
        return { 0, 0, tripped }
        """;

    private const string CountVerifiedScript = """
        redis.call('HINCRBY', KEYS[1], 'verified', 1)
        if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return 1
        """;

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly string _instanceName = redisOptions.Value.InstanceName ?? string.Empty;
    private IConnectionMultiplexer? _connection;
    private bool _ownsConnection;

    public async Task<ChargeOutcome> ChargeAsync(SendCharge charge)
    {
        var keys = new List<RedisKey>(charge.Counters.Count + 4);
        var values = new List<RedisValue>(charge.Counters.Count * 2 + 7);
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

        if (charge.Guard is { } guard)
        {
            keys.Add(_instanceName + guard.CurrentWindowKey);
            keys.Add(_instanceName + guard.PreviousWindowKey);
            keys.Add(_instanceName + guard.StoppedKey);
            values.Add(guard.MinimumSends);
            values.Add(guard.MinimumVerifiedRatio.ToString("R", CultureInfo.InvariantCulture));
            values.Add(Milliseconds(guard.CoolOff));
            values.Add(Milliseconds(guard.WindowLifetime));
            values.Add(guard.Enforced ? 1 : 0);
        }

        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ChargeScript, [.. keys], [.. values]).ConfigureAwait(false))!;
        var refusedBy = (int)result[0];
        var wait = TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1]));
        var tripped = (int)result[2] == 1;
        return refusedBy switch
        {
            0 => ChargeOutcome.Charged(tripped),
            1 => new ChargeOutcome(SignalWireSendLimit.ResendCooldown, wait, tripped),
            _ when refusedBy - 2 < charge.Counters.Count => new ChargeOutcome(charge.Counters[refusedBy - 2].Budget, wait, tripped),
            _ => new ChargeOutcome(SignalWireSendLimit.PumpingGuard, wait, tripped),
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

    public async Task CountVerifiedAsync(string windowKey, TimeSpan windowLifetime)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(CountVerifiedScript, [(RedisKey)(_instanceName + windowKey)], [Milliseconds(windowLifetime)])
            .ConfigureAwait(false);
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
