using System.Collections.Frozen;

namespace Identity.SignalWire;

/// <summary>
/// The country calling code of an E.164 number. Calling codes are prefix-free (ITU-T E.164), so the code is the
/// number's first digit when it is 1 or 7, its first two digits when they are one of the two-digit codes, and
/// otherwise its first three digits.
/// </summary>
internal static class CallingCode
{
    private static readonly FrozenSet<string> TwoDigitCodes = new[]
    {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
        "86", "90", "91", "92", "93", "94", "95", "98",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The calling code of <paramref name="e164"/>, without the '+': "1", "44", "353".</summary>
    public static string Of(string e164)
    {
        var digits = e164.AsSpan(1);
        if (digits[0] is '1' or '7')
        {
            return digits[..1].ToString();
        }

        if (digits.Length >= 2 && TwoDigitCodes.Contains(digits[..2].ToString()))
        {
            return digits[..2].ToString();
        }

        return digits[..Math.Min(3, digits.Length)].ToString();
    }

    /// <summary>Whether <paramref name="value"/> has the form of a calling code: one to three digits, no '+'.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is >= 1 and <= 3 && value[0] != '0' && value.All(char.IsAsciiDigit);
}
