using System.Globalization;

namespace Identity.SignalWire;

/// <summary>
/// Finds the text a code is sent with for a culture: the nearest culture first (fr-CA, then fr), the application's
/// own text before the built-in one at each step, and the single configured text when no culture has one.
/// </summary>
internal static class LocalizedMessages
{
    /// <summary>
    /// The SMS text for <paramref name="culture"/>: <see cref="SignalWireMfaOptions.SmsMessages"/>, then the built-in
    /// text, for the culture and then each parent; otherwise <see cref="SignalWireMfaOptions.SmsMessage"/>.
    /// </summary>
    public static string? SmsMessageFor(SignalWireMfaOptions options, CultureInfo culture)
    {
        for (var current = culture; !IsInvariant(current); current = current.Parent)
        {
            if (options.SmsMessages.TryGetValue(current.Name, out var own))
            {
                return own;
            }

            if (options.UseBuiltInSmsMessages && BuiltInSmsMessages.ByCulture.TryGetValue(current.Name, out var builtIn))
            {
                return builtIn;
            }
        }

        return options.SmsMessage;
    }

    /// <summary>
    /// The call text for <paramref name="culture"/>: <see cref="SignalWireMfaOptions.CallMessages"/> for the culture
    /// and then each parent; otherwise <see cref="SignalWireMfaOptions.CallMessage"/>. There are no built-in call
    /// texts: SignalWire reads the text with one voice whatever its language, so only the application can tell
    /// whether a language sounds right.
    /// </summary>
    public static string? CallMessageFor(SignalWireMfaOptions options, CultureInfo culture)
    {
        for (var current = culture; !IsInvariant(current); current = current.Parent)
        {
            if (options.CallMessages.TryGetValue(current.Name, out var own))
            {
                return own;
            }
        }

        return options.CallMessage;
    }

    private static bool IsInvariant(CultureInfo culture) => culture.Name.Length == 0;
}
