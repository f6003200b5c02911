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

/// <summary>
/// What to send in one code request. Unset values are left out of the request, so SignalWire's own defaults apply.
/// </summary>
internal sealed class SignalWireMfaCodeRequest
{
    /// <summary>Gets or sets the E.164 number that receives the code. Required.</summary>
    public required string To { get; set; }

    /// <summary>Gets or sets the E.164 number to send from.</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the text sent or spoken before the code.</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the number of characters in the code, from 4 to 20.</summary>
    public int? TokenLength { get; set; }

    /// <summary>Gets or sets how long the code can be used, from 1 second to 7 days (sent in whole seconds).</summary>
    public TimeSpan? ValidFor { get; set; }

    /// <summary>Gets or sets how many times the code can be tried, from 1 to 20.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>Gets or sets whether the code may contain the letters A-Z.</summary>
    public bool? AllowAlphas { get; set; }
}

/// <summary>SignalWire's answer to a code request.</summary>
/// <param name="RequestId">The MFA request ID to verify the code against.</param>
/// <param name="To">The number SignalWire sends to.</param>
/// <param name="Channel">The channel SignalWire reported.</param>
internal sealed record SignalWireMfaCodeResult(string RequestId, string To, SignalWireMfaChannel Channel)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"SignalWireMfaCodeResult {{ RequestId = {RequestId}, To = {E164PhoneNumber.Mask(To)}, Channel = {Channel} }}";
}

/// <summary>SignalWire's answer when a code is checked.</summary>
internal enum SignalWireMfaVerifyResult
{
    /// <summary>The code is right (<c>{"success":true}</c>); the request cannot be used again.</summary>
    Valid,

    /// <summary>The code is wrong (<c>{"success":false}</c>); one attempt is used up.</summary>
    Invalid,

    /// <summary>
    /// <c>404 Not Found</c>: the request expired, its attempts are used up, it was already validated, or it is unknown.
    /// The user needs a new code.
    /// </summary>
    NotFound,
}
