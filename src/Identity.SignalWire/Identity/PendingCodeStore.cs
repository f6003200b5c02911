using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Keeps the one pending code of each user and purpose, whatever the channel, so that any instance of a site can check
/// a code another instance sent: through the atomic store, in the distributed cache — or, when that is Redis, in a hash
/// of the library's own on the same server (docs/storage.md). Keys and bindings are keyed hashes: no user id, e-mail
/// or number sits in the cache (only the last two digits the pages show).
/// </summary>
/// <remarks>
/// Every read and change goes through the atomic store, which alone knows how the code is kept. Changes that must not
/// undo a concurrent one — reserving an attempt before a check, removing the entry after it — name the request ID
/// they are about, so a code sent in the meantime stays untouched.
/// </remarks>
internal sealed class PendingCodeStore(
    IAtomicStore store,
    KeyedHasher hasher,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options)
{
    private readonly string _prefix = options.Value.CacheKeyPrefix;
    private long _lastSendStart;

    /// <summary>
    /// The keyed hash of one user and purpose. It names both the pending code (<see cref="KeyFor"/>) and the resend
    /// cooldown, so a call makes it once.
    /// </summary>
    public ValueTask<string> UserPurposeHashAsync(string purpose, string userId) => hasher.HashAsync(purpose, userId);

    /// <summary>The key of one user and purpose; the channel is not part of it, so a new code replaces any.</summary>
    /// <param name="userPurposeHash">The hash <see cref="UserPurposeHashAsync"/> made.</param>
    public string KeyFor(string userPurposeHash) => _prefix + "code:" + userPurposeHash;

    /// <summary>
    /// The start of a send, taken before SignalWire is asked: the order in which sends for one user and purpose win.
    /// The clock's UTC time, raised past the last start this instance gave, so that of two sends one instance starts
    /// the later always wins, even within one tick of the clock (or under a test's clock that does not move). Between
    /// instances the clocks decide, as closely as they agree.
    /// </summary>
    public DateTimeOffset StartSend()
    {
        var now = time.GetUtcNow().UtcTicks;
        long last, start;
        do
        {
            last = Volatile.Read(ref _lastSendStart);
            start = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastSendStart, start, last) != last);

        return new DateTimeOffset(start, TimeSpan.Zero);
    }

    /// <summary>
    /// Stores a pending code until it expires, replacing any earlier one for the same key unless that one's send began
    /// later. Whether it was stored: when not, a newer code is pending and this one cannot be used.
    /// </summary>
    public Task<bool> SaveUnlessNewerAsync(string key, PendingCode code) =>
        store.StorePendingCodeAsync(key, code, code.ExpiresAt - code.SentAt);

    /// <summary>Reads the pending code; <see langword="null"/> when there is none, it expired, or it is unreadable.</summary>
    /// <exception cref="SignalWireMfaException">The cache failed (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).</exception>
    public async Task<PendingCode?> FindAsync(string key)
    {
        var pending = await store.ReadPendingCodeAsync(key).ConfigureAwait(false);

        // The cache expires entries by its own clock; the code's own end is the one that counts.
        return pending is not null && pending.ExpiresAt > time.GetUtcNow() ? pending : null;
    }

    /// <summary>Removes <paramref name="code"/> if it is still the pending one; whether this call removed it.</summary>
    public Task<bool> RemoveAsync(string key, PendingCode code) => store.RemovePendingCodeAsync(key, code.RequestId);

    /// <summary>Spends one attempt of <paramref name="code"/> before SignalWire is asked to check it.</summary>
    public Task<AttemptReservation> ReserveAttemptAsync(string key, PendingCode code, int maxAttempts) =>
        store.ReserveAttemptAsync(key, code.RequestId, maxAttempts);

    /// <summary>Gives back an attempt reserved for <paramref name="code"/> whose check got no answer.</summary>
    public Task<bool> ReturnAttemptAsync(string key, PendingCode code) => store.ReturnAttemptAsync(key, code.RequestId);

    /// <summary>
    /// Marks <paramref name="code"/> used up, if it is still the pending one: SignalWire no longer knows it. The entry
    /// stays until it expires, so that a right answer checked at the same moment can still remove it and sign in.
    /// </summary>
    public Task<bool> MarkUsedUpAsync(string key, PendingCode code) => store.MarkUsedUpAsync(key, code.RequestId);
}
