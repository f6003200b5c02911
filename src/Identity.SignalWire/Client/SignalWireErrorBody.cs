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

    /// <summary>
    /// Whether <paramref name="utf8Body"/> is a JSON object, as every answer of SignalWire's API is. A proxy's or a
    /// gateway's page (HTML, plain text, nothing) is not, and says nothing about the request.
    /// </summary>
    public static bool IsJsonObject(byte[] utf8Body)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static SignalWireErrorBody Parse(byte[] utf8Body)
    {
        if (utf8Body.Length == 0)
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Body);
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

    /// <summary>
    /// A copy without <paramref name="secret"/> (the code the user typed, which SignalWire may echo): withheld from
    /// the message, and a code or attribute that holds it dropped.
    /// </summary>
    public SignalWireErrorBody Withholding(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return this;
        }

        return new SignalWireErrorBody(
            Holds(Code, secret) ? null : Code,
            Message?.Replace(secret, "(code withheld)", StringComparison.OrdinalIgnoreCase),
            Holds(Attribute, secret) ? null : Attribute);

        static bool Holds(string? text, string secret) => text?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true;
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
