namespace Identity.SignalWire;

/// <summary>
/// The atomic store with its failures translated by <see cref="StoreFailureTranslator"/>: whichever store does the work
/// (Redis, or any distributed cache), a failure reaches the application as
/// <see cref="SignalWireMfaErrorKind.StoreUnavailable"/>. A new operation of <see cref="IAtomicStore"/> is one line
/// here, saying what it does.
/// </summary>
internal sealed class TranslatingAtomicStore(IAtomicStore inner, StoreFailureTranslator translator) : IAtomicStore
{
    public Task<ChargeOutcome> ChargeAsync(SendCharge charge) =>
        translator.RunAsync(() => inner.ChargeAsync(charge), "check the send budgets, so nothing was sent");

    public Task EndCooldownAsync(string key) =>
        translator.RunAsync(() => inner.EndCooldownAsync(key), "end the resend cooldown after a failed send");

    public Task<TimeSpan?> CooldownLeftAsync(string key) =>
        translator.RunAsync(() => inner.CooldownLeftAsync(key), "read the resend cooldown");

    public Task<bool> StorePendingCodeAsync(string key, PendingCode code, TimeSpan lifetime) =>
        translator.RunAsync(() => inner.StorePendingCodeAsync(key, code, lifetime), "keep the code SignalWire sent, so it cannot be checked");

    public Task<PendingCode?> ReadPendingCodeAsync(string key) =>
        translator.RunAsync(() => inner.ReadPendingCodeAsync(key), "read the pending code");

    public Task<bool> RemovePendingCodeAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.RemovePendingCodeAsync(key, requestId), "remove a pending code");

    public Task<AttemptReservation> ReserveAttemptAsync(string key, string requestId, int maxAttempts) =>
        translator.RunAsync(() => inner.ReserveAttemptAsync(key, requestId, maxAttempts), "reserve an attempt of the pending code, so SignalWire was not asked");

    public Task<bool> ReturnAttemptAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.ReturnAttemptAsync(key, requestId), "give back the attempt of a check whose answer is unknown");

    public Task<bool> MarkUsedUpAsync(string key, string requestId) =>
        translator.RunAsync(() => inner.MarkUsedUpAsync(key, requestId), "mark a pending code used up");

    public Task CountVerifiedAsync(IReadOnlyList<string> windowKeys, TimeSpan windowLifetime) =>
        translator.RunAsync(() => inner.CountVerifiedAsync(windowKeys, windowLifetime), "count a verified code for the pumping guard");

    public Task SetClearanceAsync(string key, TimeSpan lifetime) =>
        translator.RunAsync(() => inner.SetClearanceAsync(key, lifetime), "keep the user's clearance for the pumping guard, so the user is not cleared");

    public Task<byte[]> GetOrAddAsync(string key, byte[] value) =>
        translator.RunAsync(() => inner.GetOrAddAsync(key, value), "read the shared hashing key");
}
