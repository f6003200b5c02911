using System.Globalization;
using StackExchange.Redis;

namespace Identity.SignalWire;

/// <summary>
/// The pending codes in Redis, each a hash of the library's own with one plain field a property, so that every
/// script reads and changes exactly the fields it needs (no JSON, no other library's layout). docs/storage.md lists
/// the keys and which script touches which.
/// </summary>
/// <remarks>
/// The key is the one <see cref="PendingCodeStore"/> names, inside a hash tag, after the cache's instance name:
/// <c>{InstanceName}{SignalWire:code:&lt;user-purpose hash&gt;}</c>. The tag puts every key of one user and purpose in
/// one Redis Cluster slot, should a script ever need a second one; and the name differs from the key the previous
/// version kept in the Redis cache's own layout, so neither version misreads the other's entry. The Redis cache itself
/// (<see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>) holds no copy: nothing would read it,
/// and it could not be changed in the same atomic step.
/// </remarks>
internal sealed partial class RedisAtomicStore
{
    // Every script on a pending code starts here: KEYS[1] the code, ARGV[1] the request ID it must still hold. A
    // missing key or field reads as false, which no request ID equals.
    private const string ReadFields = """
        local f = redis.call('HMGET', KEYS[1], 'requestId', 'attempts', 'usedUp')
        if f[1] ~= ARGV[1] then return -1 end
        local attempts, usedUp = tonumber(f[2]) or 0, f[3] == '1'

        """;

    // ARGV[2]: the attempts a code has. Returns 1 when one is reserved, 0 when none is left, -1 when the code is gone.
    private const string ReserveAttemptScript = ReadFields + """
        if usedUp or attempts >= tonumber(ARGV[2]) then return 0 end
        redis.call('HINCRBY', KEYS[1], 'attempts', 1)
        return 1
        """;

    // Returns 1 when an attempt was given back; never below zero, never to a code SignalWire no longer knows.
    private const string ReturnAttemptScript = ReadFields + """
        if usedUp or attempts <= 0 then return 0 end
        redis.call('HINCRBY', KEYS[1], 'attempts', -1)
        return 1
        """;

    private const string MarkUsedUpScript = ReadFields + """
        redis.call('HSET', KEYS[1], 'usedUp', '1')
        return 1
        """;

    private const string RemoveScript = ReadFields + """
        redis.call('DEL', KEYS[1])
        return 1
        """;

    // KEYS[1]: the pending code; ARGV[1]: its lifetime in ms, ARGV[2]: when its send began (StartedField, or '' for
    // none), then its fields and values. Returns 1 when stored, 0 when the stored code's send began later
    // (PendingCode.BeganAfter: no start is earliest, an equal start is replaced). A start is compared as two exact
    // numbers, since Lua's numbers are doubles and 19 digits of ticks are more than a double holds. The old hash goes
    // first, so that no field of the code it replaces (used up, attempts) outlives it.
    private const string StoreScript = """
        local function started(s)
          if not s or #s ~= 19 then return nil end
          return tonumber(string.sub(s, 1, 10)), tonumber(string.sub(s, 11))
        end
        local sh, sl = started(redis.call('HGET', KEYS[1], 'sendStartedAt'))
        local nh, nl = started(ARGV[2])
        if sh and nh and (sh > nh or (sh == nh and sl > nl)) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    public async Task<bool> StorePendingCodeAsync(string key, PendingCode code, TimeSpan lifetime)
    {
        var started = code.SendStartedAt is { } start ? StartedField(start) : string.Empty;
        RedisValue[] arguments =
        [
            Milliseconds(lifetime),
            started,
            "requestId", code.RequestId,
            "channel", code.Channel == SignalWireMfaChannel.Call ? "Call" : "Sms",
            "maskedDestination", code.MaskedDestination,
            "sentAt", code.SentAt.ToString("O", CultureInfo.InvariantCulture),
            "expiresAt", code.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            "destinationHash", code.DestinationHash,
            "securityStampHash", code.SecurityStampHash,
            "attempts", code.Attempts,
            "usedUp", code.UsedUp ? "1" : "0",
            "sendStartedAt", started,
        ];
        return await EvaluateAsync(StoreScript, key, arguments).ConfigureAwait(false) == 1;
    }

    public async Task<PendingCode?> ReadPendingCodeAsync(string key)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        var fields = (await database.HashGetAllAsync(PendingCodeKey(key)).ConfigureAwait(false))
            .ToDictionary(field => (string)field.Name!, field => (string?)field.Value, StringComparer.Ordinal);
        return Read(fields);
    }

    public async Task<bool> RemovePendingCodeAsync(string key, string requestId) =>
        await EvaluateAsync(RemoveScript, key, requestId).ConfigureAwait(false) == 1;

    public async Task<AttemptReservation> ReserveAttemptAsync(string key, string requestId, int maxAttempts) =>
        await EvaluateAsync(ReserveAttemptScript, key, requestId, maxAttempts).ConfigureAwait(false) switch
        {
            1 => AttemptReservation.Reserved,
            0 => AttemptReservation.NoAttemptsLeft,
            _ => AttemptReservation.CodeGone,
        };

    public async Task<bool> ReturnAttemptAsync(string key, string requestId) =>
        await EvaluateAsync(ReturnAttemptScript, key, requestId).ConfigureAwait(false) == 1;

    public async Task<bool> MarkUsedUpAsync(string key, string requestId) =>
        await EvaluateAsync(MarkUsedUpScript, key, requestId).ConfigureAwait(false) == 1;

    /// <summary>The Redis key of the pending code <see cref="PendingCodeStore"/> names <paramref name="key"/>.</summary>
    private RedisKey PendingCodeKey(string key) => _instanceName + "{" + key + "}";

    // UTC ticks, 19 digits with leading zeros, so that the store script can split them at a fixed place.
    private static string StartedField(DateTimeOffset start) => start.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    // A hash with a field missing or unreadable is no pending code: the user asks for a new one.
    private static PendingCode? Read(Dictionary<string, string?> fields)
    {
        string? Field(string name) => fields.GetValueOrDefault(name);

        if (Field("requestId") is not { } requestId ||
            Field("channel") switch { "Sms" => SignalWireMfaChannel.Sms, "Call" => SignalWireMfaChannel.Call, _ => (SignalWireMfaChannel?)null } is not { } channel ||
            Field("maskedDestination") is not { } maskedDestination ||
            Time(Field("sentAt")) is not { } sentAt ||
            Time(Field("expiresAt")) is not { } expiresAt ||
            Field("destinationHash") is not { } destinationHash ||
            Field("securityStampHash") is not { } securityStampHash ||
            !int.TryParse(Field("attempts"), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts))
        {
            return null;
        }

        return new PendingCode(requestId, channel, maskedDestination, sentAt, expiresAt, destinationHash, securityStampHash)
        {
            Attempts = attempts,
            UsedUp = Field("usedUp") == "1",
            SendStartedAt = long.TryParse(Field("sendStartedAt"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : null,
        };
    }

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    // A script on one pending code: its key, then its arguments.
    private async Task<long> EvaluateAsync(string script, string key, params RedisValue[] arguments)
    {
        var database = await DatabaseAsync().ConfigureAwait(false);
        return (long)await database.ScriptEvaluateAsync(script, [PendingCodeKey(key)], arguments).ConfigureAwait(false);
    }
}
