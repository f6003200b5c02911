using System.Text.Json;
using System.Text.Json.Serialization;

namespace Identity.SignalWire;

// The bodies of MapSignalWireIdentityApi's endpoints. Every field is a string, a bool or absent, so that any JSON a
// client sends is either read or refused with a 400 problem, never thrown at as a 500.

/// <summary>Sign-in, first step: the password, and how to send the code.</summary>
internal sealed record PhoneLoginCodeRequest(string? Email, string? Password, string? Channel);

/// <summary>Sign-in, second step: the password again, and the code or a recovery code (as <c>/login</c> names them).</summary>
internal sealed record PhoneLoginRequest(string? Email, string? Password, string? TwoFactorCode, string? TwoFactorRecoveryCode);

/// <summary>A number to add or change to; confirmation codes go by text.</summary>
internal sealed record PhoneNumberRequest(string? PhoneNumber);

/// <summary>The number being confirmed and the code it got.</summary>
internal sealed record PhoneConfirmationRequest(string? PhoneNumber, string? Code);

/// <summary>Two-factor sign-in by phone on or off.</summary>
internal sealed record PhoneTwoFactorRequest(bool? Enabled);

/// <summary>How to send a step-up code.</summary>
internal sealed record StepUpCodeRequest(string? Channel);

/// <summary>A step-up proof: <c>sms</c>, <c>call</c>, <c>authenticator</c> or <c>recoveryCode</c>, and what the user typed.</summary>
internal sealed record StepUpRequest(string? Method, string? Code);

/// <summary>A pending code as a client shows it; the code itself never leaves SignalWire.</summary>
internal sealed record PendingCodeResponse(
    string Purpose,
    string Channel,
    string MaskedDestination,
    DateTimeOffset SentAt,
    DateTimeOffset ExpiresAt,
    int AttemptsLeft,
    DateTimeOffset? NextSendAt);

/// <summary>
/// The signed-in user's phone and two-factor state. <see cref="RecoveryCodes"/> only when two-factor sign-in was just
/// turned on; <see cref="Token"/> only for a bearer client whose session changed (a proof, a new security stamp): the
/// access and refresh tokens to use from now on, as <c>/login</c> writes them.
/// </summary>
internal sealed record PhoneStateResponse(
    string? PhoneNumber,
    bool PhoneNumberConfirmed,
    bool TwoFactorEnabled,
    bool StepUpRequired,
    bool StepUpSatisfied,
    IReadOnlyList<string> StepUpMethods,
    int RecoveryCodesLeft)
{
    /// <summary>Gets the new recovery codes, shown once.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; init; }

    /// <summary>Gets the bearer client's new tokens.</summary>
    public JsonElement? Token { get; init; }
}

/// <summary>The serializer of these bodies, generated at build time: the application's JSON settings do not change them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PhoneLoginCodeRequest))]
[JsonSerializable(typeof(PhoneLoginRequest))]
[JsonSerializable(typeof(PhoneNumberRequest))]
[JsonSerializable(typeof(PhoneConfirmationRequest))]
[JsonSerializable(typeof(PhoneTwoFactorRequest))]
[JsonSerializable(typeof(StepUpCodeRequest))]
[JsonSerializable(typeof(StepUpRequest))]
[JsonSerializable(typeof(PendingCodeResponse))]
[JsonSerializable(typeof(PhoneStateResponse))]
internal sealed partial class IdentityApiJson : JsonSerializerContext;
