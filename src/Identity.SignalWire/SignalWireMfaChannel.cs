namespace Identity.SignalWire;

/// <summary>How SignalWire delivers a code.</summary>
public enum SignalWireMfaChannel
{
    /// <summary>A text message: <c>POST /mfa/sms</c>.</summary>
    Sms,

    /// <summary>A voice call that reads the code out: <c>POST /mfa/call</c>.</summary>
    Call,
}
