using System.Globalization;
using StackExchange.Redis;

namespace Identity.SignalWire;

/// <summary>
/// The pumping guard's part of the charge script, its verified counts and the clearances of users who passed the
/// application's human check. A clearance lives in a key of its own in the charge's hash slot, so the script that
/// finds a tier stopped can use it up in the same atomic step: of two instances charging for one cleared user at
/// once, exactly one send goes out on it.
/// </summary>
internal sealed partial class RedisAtomicStore
{
    // Runs after the counters, before anything is charged. KEYS from g = k + n: three per tier (current window,
    // previous window, stopped flag), then the clearance when there is one. ARGV from a = 3 + 2n: the tier count,
    // whether the guard is enforced, then four per tier (minimum sends, minimum verified ratio, cool-off ms, window
    // lifetime ms). Every tier is judged, so that one send can trip several; a stopped tier refuses an enforced send
    // unless the clearance is there, which the send then uses up.
    private const string GuardCheckScript = """
        local g, a = k + n, 3 + 2 * n
        local tiers, enforced = tonumber(ARGV[a]), ARGV[a + 1] == '1'
        local tripped, stopped, cleared, wait = 0, 0, 0, 0
        for j = 0, tiers - 1 do
          local key, arg, bit = g + 3 * j, a + 2 + 4 * j, 2 ^ j
          local left = redis.call('PTTL', KEYS[key + 2])
          if left > 0 then
            stopped = stopped + bit
            wait = math.max(wait, left)
          else
            local now = redis.call('HMGET', KEYS[key], 'sent', 'verified')
            local before = redis.call('HMGET', KEYS[key + 1], 'sent', 'verified')
            local sent = tonumber(now[1] or '0') + tonumber(before[1] or '0')
            local verified = tonumber(now[2] or '0') + tonumber(before[2] or '0')
            if sent >= tonumber(ARGV[arg]) and verified < tonumber(ARGV[arg + 1]) * sent then
              redis.call('SET', KEYS[key + 2], '1', 'PX', ARGV[arg + 2])
              tripped = tripped + bit
              stopped = stopped + bit
              wait = math.max(wait, tonumber(ARGV[arg + 2]))
            end
          end
        end
        if stopped > 0 and enforced then
          if #KEYS >= g + 3 * tiers and redis.call('DEL', KEYS[g + 3 * tiers]) == 1 then
            cleared = 1
          else
            return { 2 + n, wait, tripped, stopped, 0 }
          end
        end
        """;

    // Runs after the counters are charged: the send counts in every tier's current window.
    private const string GuardCountScript = """
        for j = 0, tiers - 1 do
          local key = g + 3 * j
          redis.call('HINCRBY', KEYS[key], 'sent', 1)
          if redis.call('PTTL', KEYS[key]) < 0 then redis.call('PEXPIRE', KEYS[key], ARGV[a + 5 + 4 * j]) end
        end
        """;

    // KEYS: the current window of each tier. ARGV: the window lifetime ms.
    private const string CountVerifiedScript = """
        for i = 1, #KEYS do
          redis.call('HINCRBY', KEYS[i], 'verified', 1)
          if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
        end
        return 1
        """;

    public async Task CountVerifiedAsync(IReadOnlyList<string> windowKeys, TimeSpan windowLifetime)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.ScriptEvaluateAsync(
                CountVerifiedScript, [.. windowKeys.Select(key => (RedisKey)(_instanceName + key))], [Milliseconds(windowLifetime)])
            .ConfigureAwait(false);
    }

    public async Task SetClearanceAsync(string key, TimeSpan lifetime)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        await database.StringSetAsync((RedisKey)(_instanceName + key), 1, lifetime).ConfigureAwait(false);
    }

    // The guard's keys and arguments, in the order GuardCheckScript reads them; a tier count of zero when it is off.
    private void AddGuard(GuardCharge? guard, List<RedisKey> keys, List<RedisValue> values)
    {
        values.Add(guard?.Tiers.Count ?? 0);
        values.Add(guard is { Enforced: true } ? 1 : 0);
        if (guard is null)
        {
            return;
        }

        foreach (var tier in guard.Tiers)
        {
            keys.Add(_instanceName + tier.CurrentWindowKey);
            keys.Add(_instanceName + tier.PreviousWindowKey);
            keys.Add(_instanceName + tier.StoppedKey);
            values.Add(tier.MinimumSends);
            values.Add(tier.MinimumVerifiedRatio.ToString("R", CultureInfo.InvariantCulture));
            values.Add(Milliseconds(tier.CoolOff));
            values.Add(Milliseconds(tier.WindowLifetime));
        }

        if (guard.ClearanceKey is { } clearance)
        {
            keys.Add(_instanceName + clearance);
        }
    }
}
