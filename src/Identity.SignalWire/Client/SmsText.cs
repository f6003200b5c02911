namespace Identity.SignalWire;

/// <summary>How SignalWire puts an MFA SMS together, so that its length can be checked before it is sent.</summary>
internal static class SmsText
{
    /// <summary>The text SignalWire sends when no message is given.</summary>
    public const string DefaultMessage = "Your Personal Authorization Code is:";

    /// <summary>The SMS as the phone shows it: the message, a space, the code.</summary>
    public static string Compose(string message, string code) => $"{message} {code}";
}
