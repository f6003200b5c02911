namespace Identity.SignalWire;

/// <summary>
/// What the cache keeps for a code that was sent and not yet used: SignalWire's request ID, the channel it went
/// through, when it was sent and until when it can be used, the masked number the pages may show, and hashes of what
/// the code is bound to, so that a code sent before a password reset or to a number the user no longer has is refused.
/// </summary>
/// <param name="RequestId">SignalWire's MFA request ID.</param>
/// <param name="Channel">SMS or voice call: a code is checked only through the provider of its channel.</param>
/// <param name="MaskedDestination">The number the code went to, masked to its last two digits.</param>
/// <param name="SentAt">When SignalWire took the send.</param>
/// <param name="ExpiresAt">When the code stops working: <paramref name="SentAt"/> plus <see cref="SignalWireMfaOptions.ValidFor"/>.</param>
/// <param name="DestinationHash">A keyed hash of the E.164 number the code went to.</param>
/// <param name="SecurityStampHash">A keyed hash of the user's security stamp when the code was sent.</param>
internal sealed record PendingCode(
    string RequestId,
    SignalWireMfaChannel Channel,
    string MaskedDestination,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    string DestinationHash,
    string SecurityStampHash)
{
    /// <summary>How many wrong answers SignalWire gave for this code; counted by the library.</summary>
    public int WrongAnswers { get; init; }

    /// <summary>The entry as the cache keeps it: UTF-8 JSON (see <see cref="PendingCodeFormat"/> for why by hand).</summary>
    public byte[] ToBytes() => PendingCodeFormat.Write(this);

    /// <summary>Reads an entry; <see langword="null"/> when there is none or this version cannot read it.</summary>
    /// <remarks>An entry this version cannot read is treated as no pending code: the user asks for a new one.</remarks>
    public static PendingCode? FromBytes(byte[]? entry) => entry is null ? null : PendingCodeFormat.Read(entry);
}
