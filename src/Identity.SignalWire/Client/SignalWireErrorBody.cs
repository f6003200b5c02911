using System.Text.Json;
using System.Text.RegularExpressions;

namespace Identity.SignalWire;

/// <summary>
/// Reads SignalWire's error bodies, whose shape differs between doc versions:
/// <c>{"errors":[{"code","message","attribute",…}]}</c>, <c>{"errors":[{"detail","title","code",…}]}</c>,
/// a flat <c>{"code","message","attribute",…}</c>, and <c>{"error":"…"}</c> for a 500.
/// </summary>
internal sealed partial record SignalWireErrorBody(string? Code, string? Message, string? Attribute)
{
    public static readonly SignalWireErrorBody Empty = new(null, null, null);

    // SignalWire may echo the number it rejected; it must not reach an exception message or a log.
    [GeneratedRegex(@"\+?\d[\d\s().-]{4,}\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhoneLike();

    public static SignalWireErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = new List<string>();
                string? code = null;
                string? attribute = null;
                foreach (var item in errors.EnumerateArray())
                {
                    var one = FromObject(item);
                    code ??= one.Code;
                    attribute ??= one.Attribute;
                    if (one.Message is not null)
                    {
                        messages.Add(one.Message);
                    }
                }

                return new SignalWireErrorBody(code, messages.Count == 0 ? null : string.Join("; ", messages), attribute);
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return new SignalWireErrorBody(null, Sanitize(error.GetString()), null);
            }

            return FromObject(root);
        }
        catch (JsonException)
        {
            // An error body that is not JSON (a proxy's HTML page) tells nothing worth keeping.
            return Empty;
        }
    }

    private static SignalWireErrorBody FromObject(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }

        var message = Text(error, "message") ?? Text(error, "detail") ?? Text(error, "title");
        return new SignalWireErrorBody(Text(error, "code"), Sanitize(message), Text(error, "attribute"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string? Sanitize(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var trimmed = message.Length > 300 ? message[..300] + "…" : message;
        try
        {
            return PhoneLike().Replace(trimmed, match => E164PhoneNumber.Mask(match.Value));
        }
        catch (RegexMatchTimeoutException)
        {
            return "(message withheld)";
        }
    }
}
