namespace Identity.SignalWire.Emulator;

/// <summary>What the phone shows or speaks for a code, with SignalWire's default wording.</summary>
internal static class PhoneText
{
    public const string DefaultSmsMessage = "Your Personal Authorization Code is:";

    public const string DefaultCallMessage = "Your Personal Authorization Code is";

    /// <summary>The SMS as the phone shows it: the message, a space, the code.</summary>
    public static string ForSms(string? message, string code) =>
        $"{(string.IsNullOrEmpty(message) ? DefaultSmsMessage : message)} {code}";

    /// <summary>The words of the call: the message, then the code one character at a time, as a voice reads it.</summary>
    public static string ForCall(string? message, string code) =>
        $"{(string.IsNullOrEmpty(message) ? DefaultCallMessage : message)} {string.Join(' ', code.ToCharArray())}";
}
