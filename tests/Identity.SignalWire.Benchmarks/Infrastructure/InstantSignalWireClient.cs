namespace Identity.SignalWire.Benchmarks.Infrastructure;

/// <summary>
/// An MFA client that answers at once from completed tasks and allocates nothing, so that the providers can be
/// measured without HTTP: what remains is the Identity glue — budgets, keyed hashes, the cache, telemetry.
/// </summary>
internal sealed class InstantSignalWireClient : ISignalWireMfaClient
{
    private static readonly Task<SignalWireMfaCodeResult> Sent =
        Task.FromResult(new SignalWireMfaCodeResult(CannedSignalWireHandler.RequestId, "+12015550000", SignalWireMfaChannel.Sms));

    private static readonly Task<SignalWireMfaVerifyResult> Valid = Task.FromResult(SignalWireMfaVerifyResult.Valid);

    public Task<SignalWireMfaCodeResult> RequestCodeAsync(
        SignalWireMfaChannel channel, SignalWireMfaCodeRequest request, CancellationToken cancellationToken = default) => Sent;

    public Task<SignalWireMfaVerifyResult> VerifyAsync(string requestId, string token, CancellationToken cancellationToken = default) => Valid;
}
