using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identity.SignalWire;

// The bodies of SignalWire's MFA REST API, field for field (see docs: /mfa/sms, /mfa/call, /mfa/{id}/verify).
// Unset optional fields are left out so that SignalWire's defaults apply.

internal sealed class MfaSendBody
{
    public required string To { get; init; }

    public string? From { get; init; }

    public string? Message { get; init; }

    public int? TokenLength { get; init; }

    public int? ValidFor { get; init; }

    public int? MaxAttempts { get; init; }

    // The service ignores the misspelling "allow_alpha" that some SignalWire examples use; the name is allow_alphas.
    public bool? AllowAlphas { get; init; }
}

internal sealed class MfaSendAnswer
{
    public string? Id { get; init; }

    public bool? Success { get; init; }

    public string? To { get; init; }

    public string? Channel { get; init; }
}

internal sealed class MfaVerifyBody
{
    public required string Token { get; init; }
}

internal sealed class MfaVerifyAnswer
{
    public bool? Success { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MfaSendBody))]
[JsonSerializable(typeof(MfaSendAnswer))]
[JsonSerializable(typeof(MfaVerifyBody))]
[JsonSerializable(typeof(MfaVerifyAnswer))]
internal sealed partial class SignalWireJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to send with: '+' and non-ASCII text (a '€' in a message) go out as themselves rather than as
    /// \u escapes. The bodies are never embedded in HTML, so the relaxed encoder is safe here.
    /// </summary>
    // Built on first use: the generated Default is initialised in another part of this class, in no set order.
    public static SignalWireJsonContext Wire => s_wire ??=
        new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static SignalWireJsonContext? s_wire;
}
