using System.Text.Json.Serialization;

namespace Identity.SignalWire;

/// <summary>
/// What the cache keeps for a code that was sent and not yet used: SignalWire's request ID, and hashes of what the
/// code is bound to, so that a code sent before a password reset or to a number the user no longer has is refused.
/// </summary>
/// <param name="RequestId">SignalWire's MFA request ID.</param>
/// <param name="DestinationHash">A hash of the E.164 number the code went to.</param>
/// <param name="SecurityStampHash">A hash of the user's security stamp when the code was sent.</param>
internal sealed record PendingCode(string RequestId, string DestinationHash, string SecurityStampHash);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PendingCode))]
internal sealed partial class PendingCodeJsonContext : JsonSerializerContext;
