using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Localization;

/// <summary>Names a phone number on a page in the reader's language, by its last two digits only.</summary>
public static class LocalizedNumber
{
    /// <summary>"the phone number ending in 67", never the whole number on a page a shoulder can see.</summary>
    public static string Ending(IStringLocalizer text, string? number)
    {
        ArgumentNullException.ThrowIfNull(text);
        return number is { Length: > 4 } ? text["the phone number ending in {0}", number[^2..]] : text["your phone number"];
    }
}
