using System.Text.Json;

namespace Identity.SignalWire;

/// <summary>
/// What the library keeps for a code that was sent and not yet used (docs/storage.md): SignalWire's request ID, the channel it went
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
    /// <summary>
    /// How many attempts this code has used: each check reserves one before SignalWire is asked (so checks at once
    /// cannot ask more often than the code allows), and gets it back only when SignalWire's answer is unknown.
    /// </summary>
    public int Attempts { get; init; }

    /// <summary>Whether SignalWire no longer knows the code (it answered a check 404): no attempt is left, whatever the count.</summary>
    public bool UsedUp { get; init; }

    /// <summary>
    /// When the send began, before SignalWire was asked, in UTC: of two sends for one user and purpose, the one that
    /// began later is kept, whichever SignalWire answered first. <see langword="null"/> in entries of earlier versions.
    /// </summary>
    public DateTimeOffset? SendStartedAt { get; init; }

    /// <summary>How many more times the code can be checked, with <paramref name="maxAttempts"/> in all.</summary>
    public int AttemptsLeft(int maxAttempts) => UsedUp ? 0 : Math.Max(0, maxAttempts - Attempts);

    /// <summary>
    /// Whether this code's send began after <paramref name="other"/>'s, so that <paramref name="other"/> must not
    /// replace it. Equal starts: the later store wins. A code of an earlier version has no start and so no order: it
    /// never keeps a new code out. The Redis script that stores codes applies the same rule.
    /// </summary>
    public bool BeganAfter(PendingCode other) =>
        SendStartedAt is { } mine && other.SendStartedAt is { } theirs && mine > theirs;

    /// <summary>The entry as a cache other than Redis keeps it: UTF-8 JSON (<see cref="PendingCodeEntry"/>).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(PendingCodeEntry.From(this), PendingCodeJsonContext.Default.PendingCodeEntry);

    /// <summary>Reads an entry; <see langword="null"/> when there is none or this version cannot read it.</summary>
    /// <remarks>An entry this version cannot read is treated as no pending code: the user asks for a new one.</remarks>
    public static PendingCode? FromBytes(byte[]? entry)
    {
        if (entry is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(entry, PendingCodeJsonContext.Default.PendingCodeEntry)?.ToPendingCode();
        }
        catch (JsonException)
        {
            // Malformed JSON, a required property missing, a value of the wrong kind, or text that is not UTF-8.
            return null;
        }
    }
}
