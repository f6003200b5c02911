using System.Text.Json.Serialization;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// The serializer the library used for the pending-code entry before it wrote and read the JSON by hand, exactly as it
/// was configured then. Entries it wrote may still sit in a cache when the new version starts, and an instance still
/// running it may read entries the new version writes, so the tests check both directions against it.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PendingCode))]
internal sealed partial class PreviousPendingCodeJsonContext : JsonSerializerContext;
