using System.Globalization;

namespace Identity.SignalWire.Emulator;

/// <summary>SignalWire's field rules for <c>POST /mfa/sms</c> and <c>POST /mfa/call</c>, with their defaults.</summary>
internal static class SendMfaRequestValidation
{
    public const int DefaultTokenLength = 6;
    public const int MinTokenLength = 4;
    public const int MaxTokenLength = 20;

    public const int DefaultValidForSeconds = 3600;
    public const int MinValidForSeconds = 1;
    public const int MaxValidForSeconds = 604_800;

    public const int DefaultMaxAttempts = 3;
    public const int MinMaxAttempts = 1;
    public const int MaxMaxAttempts = 20;

    public const int MaxCallMessageLength = 500;

    /// <summary>Checks every field but <c>message</c>, whose rule needs the code.</summary>
    public static List<SignalWireError> ValidateFields(SendMfaRequest request)
    {
        var errors = new List<SignalWireError>();

        if (request.To is null)
        {
            errors.Add(SignalWireErrors.InvalidParameter("to", "to is required: an E.164 number such as +12015551234."));
        }
        else if (!IsE164(request.To))
        {
            errors.Add(SignalWireErrors.InvalidParameter("to", "to must be an E.164 number such as +12015551234."));
        }

        if (request.From is not null && !IsE164(request.From))
        {
            errors.Add(SignalWireErrors.InvalidParameter("from", "from must be an E.164 number such as +12015551234."));
        }

        CheckRange(errors, "token_length", request.TokenLength, MinTokenLength, MaxTokenLength);
        CheckRange(errors, "valid_for", request.ValidFor, MinValidForSeconds, MaxValidForSeconds);
        CheckRange(errors, "max_attempts", request.MaxAttempts, MinMaxAttempts, MaxMaxAttempts);
        return errors;
    }

    /// <summary>
    /// Checks <c>message</c> against what the phone will get: an SMS must fit in ONE segment together with the
    /// code (<paramref name="phoneText"/> is "message code"); a call message is at most 500 UTF-16 characters.
    /// </summary>
    public static SignalWireError? ValidateMessage(MfaChannel channel, string? message, string phoneText)
    {
        if (channel == MfaChannel.Sms)
        {
            var length = SmsSegment.Measure(phoneText);
            return length.Fits
                ? null
                : SignalWireErrors.InvalidParameter("message", string.Create(
                    CultureInfo.InvariantCulture,
                    $"message with a space and the code must fit in one SMS segment: it takes {length.Used} of {length.Limit} {(length.Encoding == SmsEncoding.Gsm7 ? "GSM-7 septets" : "UCS-2 units")}."));
        }

        return message is { Length: > MaxCallMessageLength }
            ? SignalWireErrors.InvalidParameter("message", string.Create(
                CultureInfo.InvariantCulture,
                $"message of a call must be at most {MaxCallMessageLength} characters; it has {message.Length}."))
            : null;
    }

    private static void CheckRange(List<SignalWireError> errors, string attribute, int? value, int min, int max)
    {
        if (value is { } given && (given < min || given > max))
        {
            errors.Add(SignalWireErrors.InvalidParameter(attribute, string.Create(
                CultureInfo.InvariantCulture,
                $"{attribute} must be between {min} and {max}.")));
        }
    }

    // SignalWire's documented rule is the form alone, ^\+[1-9]\d{1,14}$: the emulator checks that, not whether the
    // number exists (the library refuses numbers that cannot exist before they get here).
    public static bool IsE164(string number) =>
        number.Length is >= 3 and <= 16 && number[0] == '+' && number[1] is >= '1' and <= '9' && number.AsSpan(2).ContainsAnyExcept("0123456789") is false;
}
