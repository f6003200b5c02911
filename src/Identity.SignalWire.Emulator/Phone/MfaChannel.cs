namespace Identity.SignalWire.Emulator;

/// <summary>How a code reached the phone.</summary>
public enum MfaChannel
{
    /// <summary>A text message, from <c>POST /mfa/sms</c>.</summary>
    Sms,

    /// <summary>A voice call, from <c>POST /mfa/call</c>.</summary>
    Call,
}
