namespace Identity.SignalWire;

/// <summary>
/// What kind of line a phone number is, as Google's libphonenumber metadata classifies it. Sites refuse the kinds
/// that cost a lot to text or that bots favour with <see cref="SignalWireMfaOptions.RefusedNumberTypes"/>.
/// </summary>
public enum SignalWireNumberType
{
    /// <summary>The metadata does not say what kind of line the number is.</summary>
    Unknown,

    /// <summary>A fixed (landline) number.</summary>
    FixedLine,

    /// <summary>A mobile number.</summary>
    Mobile,

    /// <summary>A number that can be fixed or mobile: the number alone does not tell (all of the US and Canada).</summary>
    FixedLineOrMobile,

    /// <summary>A toll-free number: the receiver pays.</summary>
    TollFree,

    /// <summary>A premium-rate number: the sender pays a surcharge that the number's owner shares, the heart of SMS pumping.</summary>
    PremiumRate,

    /// <summary>A shared-cost number: the sender pays part of the cost of a call to it.</summary>
    SharedCost,

    /// <summary>A voice-over-IP number: cheap to rent in bulk, so often used for throw-away accounts.</summary>
    Voip,

    /// <summary>A personal number that forwards to another line.</summary>
    PersonalNumber,

    /// <summary>A pager number.</summary>
    Pager,

    /// <summary>A universal access number of a company.</summary>
    Uan,

    /// <summary>A number that reaches a voicemail box directly.</summary>
    Voicemail,
}
