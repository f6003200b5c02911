using System.Text.Json.Serialization;

namespace Identity.SignalWire;

/// <summary>
/// A <see cref="PendingCode"/> as caches other than Redis keep it (on Redis, <see cref="RedisAtomicStore"/> keeps hash
/// fields of its own; docs/storage.md). Names and value forms are those earlier versions wrote and read, so entries
/// written before a deploy, and by instances still running an earlier version, read both ways.
/// </summary>
internal sealed class PendingCodeEntry
{
    [JsonRequired]
    public string RequestId { get; set; } = "";

    // The enum's name, kept a string here so that only "Sms" and "Call", in that case, read (see ToPendingCode).
    [JsonRequired]
    public string Channel { get; set; } = "";

    [JsonRequired]
    public string MaskedDestination { get; set; } = "";

    [JsonRequired]
    public DateTimeOffset SentAt { get; set; }

    [JsonRequired]
    public DateTimeOffset ExpiresAt { get; set; }

    [JsonRequired]
    public string DestinationHash { get; set; } = "";

    [JsonRequired]
    public string SecurityStampHash { get; set; } = "";

    public int Attempts { get; set; }

    // Earlier versions counted the wrong answers SignalWire gave here, after the check: attempts spent, all of them.
    // Read, never written; int.MinValue when absent, so that Math.Max in ToPendingCode takes the attempts.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)]
    public int WrongAnswers { get; set; } = int.MinValue;

    public bool UsedUp { get; set; }

    public DateTimeOffset? SendStartedAt { get; set; }

    public static PendingCodeEntry From(PendingCode code) => new()
    {
        RequestId = code.RequestId,
        Channel = code.Channel switch
        {
            SignalWireMfaChannel.Sms => "Sms",
            SignalWireMfaChannel.Call => "Call",
            _ => throw new ArgumentOutOfRangeException(nameof(code), code.Channel, "A pending code's channel must be Sms or Call."),
        },
        MaskedDestination = code.MaskedDestination,
        SentAt = code.SentAt,
        ExpiresAt = code.ExpiresAt,
        DestinationHash = code.DestinationHash,
        SecurityStampHash = code.SecurityStampHash,
        Attempts = code.Attempts,
        UsedUp = code.UsedUp,
        SendStartedAt = code.SendStartedAt,
    };

    /// <summary>The pending code; <see langword="null"/> for a channel this version does not know.</summary>
    public PendingCode? ToPendingCode()
    {
        SignalWireMfaChannel? channel = Channel switch
        {
            "Sms" => SignalWireMfaChannel.Sms,
            "Call" => SignalWireMfaChannel.Call,
            _ => null,
        };

        // While an earlier version runs beside this one, each counts in its own field: the larger is the lower bound on
        // what was spent.
        return channel is { } known
            ? new PendingCode(RequestId, known, MaskedDestination, SentAt, ExpiresAt, DestinationHash, SecurityStampHash)
            {
                Attempts = Math.Max(Attempts, WrongAnswers),
                UsedUp = UsedUp,
                SendStartedAt = SendStartedAt,
            }
            : null;
    }
}

// RespectNullableAnnotations: a required string written as null is no entry, as before.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PendingCodeEntry))]
internal sealed partial class PendingCodeJsonContext : JsonSerializerContext;
