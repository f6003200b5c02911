using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identity.SignalWire;

/// <summary>
/// The atomic operations in Redis: counters by one script (INCR, then PEXPIRE on the first count), cooldowns and the
/// shared hashing key by SET NX, so that many instances and many parallel requests let exactly the budget through
/// and agree on one key. It connects with the settings of the Redis
/// cache the application already configured (<see cref="RedisCacheOptions"/>), and prefixes keys with its
/// <see cref="RedisCacheOptions.InstanceName"/>. Where the application gives a
/// <see cref="RedisCacheOptions.ConnectionMultiplexerFactory"/>, it shares that connection and leaves it open when it
/// is disposed: the connection belongs to the application.
/// </summary>
internal sealed class RedisAtomicStore(IOptions<RedisCacheOptions> redisOptions, IDistributedCache cache) : IAtomicStore, IAsyncDisposable
{
    // Pending codes are written by the Redis cache, which keeps an entry as a hash whose field "data" holds the value
    // (our JSON). These scripts change such an entry only while it still holds the code they were asked about, so a
    // code sent in the meantime by another request or instance is never removed or miscounted.
    private static readonly LuaScript RemovePendingCode = LuaScript.Prepare("""
        local data = redis.call('HGET', @key, 'data')
        if not data then return 0 end
        local ok, entry = pcall(cjson.decode, data)
        if ok and type(entry) == 'table' and entry.requestId == @requestId then
          redis.call('DEL', @key)
          return 1
        end
        return 0
        """);

    private static readonly LuaScript CountWrongAnswer = LuaScript.Prepare("""
        local data = redis.call('HGET', @key, 'data')
        if not data then return -1 end
        local ok, entry = pcall(cjson.decode, data)
        if not ok or type(entry) ~= 'table' or entry.requestId ~= @requestId then return -1 end
        entry.wrongAnswers = (tonumber(entry.wrongAnswers) or 0) + 1
        redis.call('HSET', @key, 'data', cjson.encode(entry))
        return entry.wrongAnswers
        """);

    private static readonly LuaScript Increment = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        local left = redis.call('PTTL', @key)
        if left < 0 then
          redis.call('PEXPIRE', @key, @window)
          left = tonumber(@window)
        end
        return { count, left }
        """);

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly string _instanceName = redisOptions.Value.InstanceName ?? string.Empty;
    private IConnectionMultiplexer? _connection;
    private bool _ownsConnection;

    public async Task<(long Count, TimeSpan WindowLeft)> IncrementAsync(string key, TimeSpan window)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            Increment,
            new { key = (RedisKey)(_instanceName + key), window = (long)Math.Ceiling(window.TotalMilliseconds) }).ConfigureAwait(false))!;
        return ((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }

    public async Task<TimeSpan?> TryStartCooldownAsync(string key, TimeSpan cooldown)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var redisKey = (RedisKey)(_instanceName + key);
        if (await database.StringSetAsync(redisKey, 1, cooldown, When.NotExists).ConfigureAwait(false))
        {
            return null;
        }

        // The key can expire between the two calls; a cooldown that has just ended leaves nothing to wait.
        return await database.KeyTimeToLiveAsync(redisKey).ConfigureAwait(false) ?? TimeSpan.Zero;
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

    // The Redis cache writes the whole entry in one command; the scripts below see either the old or the new one.
    public Task SetPendingCodeAsync(string key, byte[] entry, TimeSpan lifetime) =>
        cache.SetAsync(key, entry, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });

    public async Task<bool> RemovePendingCodeAsync(string key, string requestId)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var removed = await database.ScriptEvaluateAsync(
            RemovePendingCode, new { key = (RedisKey)(_instanceName + key), requestId }).ConfigureAwait(false);
        return (long)removed == 1;
    }

    public async Task<int?> CountWrongAnswerAsync(string key, string requestId)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var count = (long)await database.ScriptEvaluateAsync(
            CountWrongAnswer, new { key = (RedisKey)(_instanceName + key), requestId }).ConfigureAwait(false);
        return count < 0 ? null : (int)count;
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
