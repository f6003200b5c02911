namespace Identity.SignalWire;

/// <summary>
/// SignalWire's MFA REST API: ask for a code to be sent, then check the code a user typed. Usable without Identity.
/// </summary>
/// <remarks>
/// Neither call is retried automatically: a retried send would text or call the user twice, and a retried verify
/// would spend one of the user's attempts.
/// </remarks>
internal interface ISignalWireMfaClient
{
    /// <summary>Asks SignalWire to send a code by SMS or voice call (<c>POST /mfa/sms</c> or <c>/mfa/call</c>).</summary>
    /// <param name="channel">SMS or voice call.</param>
    /// <param name="request">The destination and the code's settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The request ID to verify the code against.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> has no E.164 destination.</exception>
    /// <exception cref="SignalWireMfaException">SignalWire refused the request or could not be reached.</exception>
    Task<SignalWireMfaCodeResult> RequestCodeAsync(
        SignalWireMfaChannel channel,
        SignalWireMfaCodeRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>Checks a code against a request (<c>POST /mfa/{requestId}/verify</c>); each call uses one attempt.</summary>
    /// <param name="requestId">The ID <see cref="RequestCodeAsync"/> returned.</param>
    /// <param name="token">The code the user typed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the code is right, wrong, or the request can no longer be used.</returns>
    /// <exception cref="SignalWireMfaException">SignalWire refused the call or could not be reached.</exception>
    Task<SignalWireMfaVerifyResult> VerifyAsync(string requestId, string token, CancellationToken cancellationToken = default);
}
