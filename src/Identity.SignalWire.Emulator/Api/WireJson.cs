using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.Emulator;

/// <summary>Reads and writes SignalWire's JSON: snake_case names, strict types, unknown fields ignored.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Strict on purpose: "6" where a number belongs is a client bug the emulator must report, not forgive.
        NumberHandling = JsonNumberHandling.Strict,
        // "+12015551234" as SignalWire writes it, not "\u002B15551234567"; these bodies are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. An empty body reads as an empty object, so that a missing field
    /// is reported by name; anything that is not a JSON object of the right types becomes a 422 error naming the
    /// field at fault when there is one.
    /// </summary>
    public static async Task<(T? Body, SignalWireError? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class, new()
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (new T(), null);
        }

        // Parse first, bind second: broken JSON is the body's fault, a string where a number belongs is a field's.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return (null, SignalWireErrors.InvalidBody());
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, SignalWireErrors.InvalidBody());
            }

            try
            {
                return (document.RootElement.Deserialize<T>(Options) ?? new T(), null);
            }
            catch (JsonException exception)
            {
                var attribute = AttributeFromPath(exception.Path);
                return (null, attribute is null ? SignalWireErrors.InvalidBody() : SignalWireErrors.WrongType(attribute));
            }
        }
    }

    // JsonException.Path is "$.token_length" when a value has the wrong type, "$" when the body itself is broken.
    private static string? AttributeFromPath(string? path) =>
        path is not null && path.StartsWith("$.", StringComparison.Ordinal) && path.Length > 2
            ? path[2..]
            : null;
}
