using System.Buffers;
using System.Text.Json;

namespace Identity.SignalWire;

/// <summary>
/// Writes and reads the JSON of a <see cref="PendingCode"/> by hand. Every sign-in reads the entry at least twice and
/// writes it once or twice, and the source-generated serializer for a record with a constructor was slow and
/// allocated buffers and state on each call; this writes into a reused buffer and reads straight from the bytes.
/// </summary>
/// <remarks>
/// The entry of caches other than Redis (on Redis, <see cref="RedisAtomicStore"/> keeps plain hash fields of its own;
/// see docs/storage.md). The format must not change: entries written by the previous version stay in the cache for up
/// to a code's lifetime, and an instance still running it reads what this one writes. So the writer writes exactly
/// what the serializer wrote (camel-case names in declaration order, the channel's name, times as ISO 8601 round-trip
/// strings, the default encoder's escaping), and the reader takes any equivalent JSON: keys in any order, <c>\/</c>
/// escapes, raw UTF-8, a whole number written with a fraction or exponent (as earlier versions' Redis scripts wrote
/// it back with cjson), and properties it does not know.
/// <para>
/// It grows only by fields an older reader skips: <c>attempts</c> (reserved before SignalWire is asked) replaced
/// <c>wrongAnswers</c> (counted after), which is still read as attempts spent; <c>usedUp</c>; and
/// <c>sendStartedAt</c>, which orders sends. The Redis hash of <see cref="RedisAtomicStore"/> uses the same names.
/// </para>
/// </remarks>
internal static class PendingCodeFormat
{
    // A buffer that grew past this (an absurd request ID) is dropped after use rather than kept by the thread.
    private const int KeptBufferLimit = 4096;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Write(PendingCode code)
    {
        // Writing is synchronous and does not call out, so one buffer and writer per thread cannot be used twice at once.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);

        writer.WriteStartObject();
        writer.WriteString("requestId"u8, code.RequestId);
        writer.WriteString("channel"u8, ChannelName(code.Channel));
        writer.WriteString("maskedDestination"u8, code.MaskedDestination);
        writer.WriteString("sentAt"u8, code.SentAt);
        writer.WriteString("expiresAt"u8, code.ExpiresAt);
        writer.WriteString("destinationHash"u8, code.DestinationHash);
        writer.WriteString("securityStampHash"u8, code.SecurityStampHash);
        writer.WriteNumber("attempts"u8, code.Attempts);
        writer.WriteBoolean("usedUp"u8, code.UsedUp);
        if (code.SendStartedAt is { } startedAt)
        {
            writer.WriteString("sendStartedAt"u8, startedAt);
        }
        else
        {
            writer.WriteNull("sendStartedAt"u8);
        }

        writer.WriteEndObject();
        writer.Flush();

        var entry = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptBufferLimit)
        {
            t_buffer = null;
            t_writer = null;
        }

        return entry;
    }

    /// <summary>Reads an entry; <see langword="null"/> when it is not one whole, well-formed entry.</summary>
    public static PendingCode? Read(ReadOnlySpan<byte> entry)
    {
        try
        {
            return ReadObject(entry);
        }
        catch (JsonException)
        {
            // Malformed JSON. Unreadable entries count as no pending code: the user asks for a new one.
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 (the reader only finds out when it decodes it).
            return null;
        }
    }

    private static PendingCode? ReadObject(ReadOnlySpan<byte> entry)
    {
        var reader = new Utf8JsonReader(entry);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? requestId = null, maskedDestination = null, destinationHash = null, securityStampHash = null;
        SignalWireMfaChannel? channel = null;
        DateTimeOffset? sentAt = null, expiresAt = null, sendStartedAt = null;
        int? attempts = null, wrongAnswers = null;
        var usedUp = false;

        // The reader throws on malformed JSON, so the loop only meets property names until the closing brace; a value
        // of the wrong kind ends it with null. A repeated name keeps its last value.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var readable =
                reader.ValueTextEquals("requestId"u8) ? TryReadString(ref reader, out requestId) :
                reader.ValueTextEquals("channel"u8) ? TryReadChannel(ref reader, out channel) :
                reader.ValueTextEquals("maskedDestination"u8) ? TryReadString(ref reader, out maskedDestination) :
                reader.ValueTextEquals("sentAt"u8) ? TryReadTime(ref reader, out sentAt) :
                reader.ValueTextEquals("expiresAt"u8) ? TryReadTime(ref reader, out expiresAt) :
                reader.ValueTextEquals("destinationHash"u8) ? TryReadString(ref reader, out destinationHash) :
                reader.ValueTextEquals("securityStampHash"u8) ? TryReadString(ref reader, out securityStampHash) :
                reader.ValueTextEquals("attempts"u8) ? TryReadWholeNumber(ref reader, out attempts) :
                reader.ValueTextEquals("wrongAnswers"u8) ? TryReadWholeNumber(ref reader, out wrongAnswers) :
                reader.ValueTextEquals("usedUp"u8) ? TryReadBoolean(ref reader, out usedUp) :
                reader.ValueTextEquals("sendStartedAt"u8) ? TryReadOptionalTime(ref reader, out sendStartedAt) :
                SkipValue(ref reader);
            if (!readable)
            {
                return null;
            }
        }

        // Anything after the object but whitespace makes the reader throw, as the serializer did.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        // Every property but the attempts, usedUp and sendStartedAt is required: an entry without one cannot be checked,
        // so it is no entry.
        if (requestId is null || channel is not { } readChannel || maskedDestination is null || sentAt is not { } readSentAt ||
            expiresAt is not { } readExpiresAt || destinationHash is null || securityStampHash is null)
        {
            return null;
        }

        // The previous version counted the wrong answers SignalWire gave as "wrongAnswers": attempts spent, all of them.
        // While both versions run, each counts in its own field; the larger is the lower bound on what was spent.
        return new PendingCode(requestId, readChannel, maskedDestination, readSentAt, readExpiresAt, destinationHash, securityStampHash)
        {
            Attempts = attempts is null && wrongAnswers is null ? 0 : Math.Max(attempts ?? int.MinValue, wrongAnswers ?? int.MinValue),
            UsedUp = usedUp,
            SendStartedAt = sendStartedAt,
        };
    }

    // The names the serializer's string enum converter wrote; a new channel needs a name here and in ChannelName.
    private static ReadOnlySpan<byte> ChannelName(SignalWireMfaChannel channel) => channel switch
    {
        SignalWireMfaChannel.Sms => "Sms"u8,
        SignalWireMfaChannel.Call => "Call"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "A pending code's channel must be Sms or Call."),
    };

    private static bool TryReadChannel(ref Utf8JsonReader reader, out SignalWireMfaChannel? channel)
    {
        channel = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueTextEquals("Sms"u8))
        {
            channel = SignalWireMfaChannel.Sms;
            return true;
        }

        if (reader.ValueTextEquals("Call"u8))
        {
            channel = SignalWireMfaChannel.Call;
            return true;
        }

        return false;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time) ? time : null;
        return value is not null;
    }

    private static bool TryReadOptionalTime(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        value = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time) ? time : null;
        return value is not null;
    }

    private static bool TryReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = false;
        if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        value = reader.GetBoolean();
        return true;
    }

    // A property a later version (or a script) added: skip its value, whatever its shape.
    private static bool SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return true;
    }

    // cjson writes numbers with "%.14g", and another encoder may write 3 as 3.0: any whole number in range will do.
    private static bool TryReadWholeNumber(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt32(out var whole))
        {
            value = whole;
            return true;
        }

        if (reader.TryGetDecimal(out var number) && decimal.IsInteger(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }

        return false;
    }
}
