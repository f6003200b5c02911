using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Identity.SignalWire;

/// <summary>
/// Describes an endpoint's JSON body to OpenAPI without naming a content type: <c>Accepts&lt;T&gt;("application/json")</c>
/// would also make routing answer any other content type with a bare 415, and these endpoints answer every malformed
/// request with a 400 problem document instead (<see cref="IdentityApiRequests.ReadAsync{T}"/>).
/// </summary>
internal sealed class JsonBodyMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType => requestType;

    public bool IsOptional => false;
}

/// <summary>Adds <see cref="JsonBodyMetadata"/>.</summary>
internal static class JsonBodyMetadataExtensions
{
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) => builder.WithMetadata(new JsonBodyMetadata(typeof(T)));
}
