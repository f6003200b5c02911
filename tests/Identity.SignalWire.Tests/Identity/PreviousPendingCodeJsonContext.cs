using System.Text.Json.Serialization;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// The serializer earlier versions used for the pending-code entry, exactly as it was configured then (the version
/// between them and this one wrote the same bytes by hand and read any equivalent JSON). Entries they wrote may still
/// sit in a cache when the new version starts, and an instance still running one may read entries the new version
/// writes, so the tests check both directions against it.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PendingCode))]
internal sealed partial class PreviousPendingCodeJsonContext : JsonSerializerContext;
