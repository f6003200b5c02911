namespace Identity.SignalWire;

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
