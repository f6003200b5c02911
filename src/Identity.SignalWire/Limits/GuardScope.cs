using PhoneNumbers;

namespace Identity.SignalWire;

/// <summary>
/// Where a number sits for the pumping guard: its region, and its range within the region, the national significant
/// number without its last <see cref="HiddenDigits"/> digits (<c>US</c>, <c>201555</c> for +1 201 555 0123). Made once
/// per send from the facts already read, and passed down.
/// </summary>
/// <remarks>
/// <para>
/// Why four digits: a range is then at most 10,000 numbers, in every numbering plan. In the NANP it is exactly the
/// central-office code (NPA-NXX), the block a carrier is assigned and a pumping operation leases; elsewhere it keeps
/// the national destination code (the operator or area code) whole: measured on libphonenumber 9.0's example mobile
/// and fixed-line numbers of every region, the prefix holds the whole destination code for 482 of 489, and only
/// plans of five or six digits (Andorra, the Cook Islands, Suriname, Tonga, Tuvalu) give a range wider than one code.
/// Fewer hidden digits would let an attacker spread over a leased block of 10,000 and stay under every range's
/// minimum; more would put a whole area code's honest users in the attacker's range.
/// </para>
/// <para>
/// Not a person: a range prefix names 10,000 numbers (the whole region in plans of four digits), which is why it may
/// appear in a metric tag or a log line where a number never does.
/// </para>
/// </remarks>
/// <param name="Region">The region, ISO 3166-1 alpha-2 (<c>"001"</c> for non-geographic numbers).</param>
/// <param name="Range">The first digits of the national significant number; empty when it has four digits or fewer.</param>
internal readonly record struct GuardScope(string Region, string Range)
{
    /// <summary>The digits at the end of a number that a range leaves out: a range holds at most 10,000 numbers.</summary>
    public const int HiddenDigits = 4;

    private static readonly PhoneNumberUtil Metadata = PhoneNumberUtil.GetInstance();

    /// <summary>The scope of a valid number.</summary>
    public static GuardScope Of(PhoneNumberFacts number)
    {
        // E.164 is '+', the country calling code, then the national significant number; the region gives the code's
        // length without a second parse, except for non-geographic numbers ("001"), whose region names no one code.
        var code = Metadata.GetCountryCodeForRegion(number.Region);
        if (code == 0)
        {
            code = Metadata.Parse(number.E164, PhoneNumberFacts.UnknownRegion).CountryCode;
        }

        var national = number.E164.AsSpan(1 + (code < 10 ? 1 : code < 100 ? 2 : 3));
        return new GuardScope(number.Region, national[..Math.Max(0, national.Length - HiddenDigits)].ToString());
    }

    /// <summary>The range as people read it: <c>"US 201555"</c>.</summary>
    public override string ToString() => Region + " " + Range;
}
