using System.Collections.Frozen;

namespace Identity.SignalWire;

/// <summary>The character set an SMS is sent in.</summary>
internal enum SmsEncoding
{
    /// <summary>GSM 03.38 (7-bit): 160 septets a segment; extension characters take two.</summary>
    Gsm7,

    /// <summary>UCS-2: 70 UTF-16 code units a segment; used as soon as one character is outside GSM-7.</summary>
    Ucs2,
}

/// <summary>How much of one SMS segment a text uses.</summary>
/// <param name="Encoding">The encoding the text needs.</param>
/// <param name="Used">Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes.</param>
/// <param name="Limit">What one segment holds in that encoding: 160 or 70.</param>
internal readonly record struct SmsSegmentLength(SmsEncoding Encoding, int Used, int Limit)
{
    /// <summary>Gets whether the text fits in one segment.</summary>
    public bool Fits => Used <= Limit;
}

/// <summary>
/// Measures text against SignalWire's rule that an MFA SMS must fit in ONE segment:
/// 160 GSM-7 septets (extension characters count two), or 70 UTF-16 code units once any character is outside GSM-7.
/// </summary>
internal static class SmsSegment
{
    /// <summary>Septets in one GSM-7 segment.</summary>
    public const int Gsm7Limit = 160;

    /// <summary>UTF-16 code units in one UCS-2 segment.</summary>
    public const int Ucs2Limit = 70;

    // GSM 03.38 basic character set: one septet each.
    private static readonly FrozenSet<char> Basic =
        ("\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz" +
         "¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ").ToFrozenSet();

    // GSM 03.38 extension table: an escape septet plus the character, so two septets each.
    private static readonly FrozenSet<char> Extension = "\f^{}\\[~]|€".ToFrozenSet();

    /// <summary>Measures <paramref name="text"/> as a phone would receive it.</summary>
    /// <param name="text">The whole SMS text, including the code.</param>
    /// <returns>The encoding, the units used and the one-segment limit.</returns>
    public static SmsSegmentLength Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c))
            {
                septets += 1;
            }
            else if (Extension.Contains(c))
            {
                septets += 2;
            }
            else
            {
                // One character outside GSM-7 turns the whole message into UCS-2,
                // where a character outside the BMP (a surrogate pair) counts two.
                return new SmsSegmentLength(SmsEncoding.Ucs2, text.Length, Ucs2Limit);
            }
        }

        return new SmsSegmentLength(SmsEncoding.Gsm7, septets, Gsm7Limit);
    }
}
