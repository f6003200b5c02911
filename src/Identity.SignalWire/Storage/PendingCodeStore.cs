using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The one pending code of each user and purpose, whatever the channel, so that any instance of a site can check a
/// code another instance sent. A code is named by the keyed hash of its user and purpose (made by the caller, who
/// names the resend cooldown with it too): no user id, e-mail or number sits in the cache (only the last two digits the
/// pages show). The atomic store keeps it — in the distributed cache, or, when that is Redis, in a hash of the
/// library's own on the same server (docs/storage.md).
/// </summary>
/// <remarks>
/// Changes that must not undo a concurrent one — reserving an attempt before a check, removing the entry after it —
/// name the request ID they are about, so a code sent in the meantime stays untouched.
/// </remarks>
internal sealed class PendingCodeStore(IAtomicStore store, TimeProvider time, IOptions<SignalWireMfaOptions> options)
{
    private readonly string _prefix = options.Value.CacheKeyPrefix + "code:";
    private long _lastSendStart;

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
    /// Stores a pending code until it expires, replacing any earlier one of the same user and purpose unless that one's
    /// send began later. Whether it was stored: when not, a newer code is pending and this one cannot be used.
    /// </summary>
    /// <param name="userPurposeHash">The keyed hash of the user and the purpose.</param>
    /// <param name="code">The code SignalWire sent.</param>
    public Task<bool> SaveUnlessNewerAsync(string userPurposeHash, PendingCode code) =>
        store.StorePendingCodeAsync(KeyOf(userPurposeHash), code, code.ExpiresAt - code.SentAt);

    /// <summary>Reads the pending code; <see langword="null"/> when there is none, it expired, or it is unreadable.</summary>
    /// <exception cref="SignalWireMfaException">The cache failed (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).</exception>
    public async Task<PendingCode?> FindAsync(string userPurposeHash)
    {
        var pending = await store.ReadPendingCodeAsync(KeyOf(userPurposeHash)).ConfigureAwait(false);

        // The cache expires entries by its own clock; the code's own end is the one that counts.
        return pending is not null && pending.ExpiresAt > time.GetUtcNow() ? pending : null;
    }

    /// <summary>Removes <paramref name="code"/> if it is still the pending one; whether this call removed it.</summary>
    public Task<bool> RemoveAsync(string userPurposeHash, PendingCode code) =>
        store.RemovePendingCodeAsync(KeyOf(userPurposeHash), code.RequestId);

    /// <summary>Spends one attempt of <paramref name="code"/> before SignalWire is asked to check it.</summary>
    public Task<AttemptReservation> ReserveAttemptAsync(string userPurposeHash, PendingCode code, int maxAttempts) =>
        store.ReserveAttemptAsync(KeyOf(userPurposeHash), code.RequestId, maxAttempts);

    /// <summary>Gives back an attempt reserved for <paramref name="code"/> whose check got no answer.</summary>
    public Task<bool> ReturnAttemptAsync(string userPurposeHash, PendingCode code) =>
        store.ReturnAttemptAsync(KeyOf(userPurposeHash), code.RequestId);

    /// <summary>
    /// Marks <paramref name="code"/> used up, if it is still the pending one: SignalWire no longer knows it. The entry
    /// stays until it expires, so that a right answer checked at the same moment can still remove it and sign in.
    /// </summary>
    public Task<bool> MarkUsedUpAsync(string userPurposeHash, PendingCode code) =>
        store.MarkUsedUpAsync(KeyOf(userPurposeHash), code.RequestId);

    // The channel is not part of the key, so a new code replaces any.
    private string KeyOf(string userPurposeHash) => _prefix + userPurposeHash;
}

/// <summary>What reserving an attempt of a pending code did, before SignalWire is asked to check it.</summary>
internal enum AttemptReservation
{
    /// <summary>One attempt is now spent on this check: SignalWire may be asked.</summary>
    Reserved,

    /// <summary>The code has no attempt left (all spent, in flight, or SignalWire no longer knows it): nothing changed.</summary>
    NoAttemptsLeft,

    /// <summary>The code is no longer pending: used, cancelled, expired or replaced by a newer one.</summary>
    CodeGone,
}
