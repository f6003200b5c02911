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

    private const string WithheldCode = "(code withheld)";

    // A guard against a pathological body, not a budget: the texts are short and the patterns linear, yet the timeout
    // is wall-clock, and 100 ms was reached on a loaded two-core machine, withholding a harmless message.
    private const int MatchTimeoutMilliseconds = 1_000;

    // Only the first 300 characters are ever shown; matching more would only cost time.
    private const int LongestMatched = 1_000;

    // SignalWire may echo the number it rejected; it must not reach an exception message or a log.
    [GeneratedRegex(@"\+?\d[\d\s().-]{4,}\d", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: MatchTimeoutMilliseconds)]
    private static partial Regex PhoneLike();

    // A code SignalWire echoes that the client does not know (a send's error, or a normalised form of the typed code):
    // a value named by a word such as "token" or "code", when quoted or holding a digit, and any quoted value of a
    // code's length (4-20, SignalWire's token_length) holding a digit. A bare word after "token" ("token expired") stays.
    [GeneratedRegex("""
        \b(?:token|code|otp|pin|passcode)\b\s*[:=\#]?\s*
          (?<value>["'\u2018\u201C][0-9A-Z]{4,20}["'\u2019\u201D]|\b(?=[0-9A-Z]*\d)[0-9A-Z]{4,20}\b)
        |(?<value>["'\u2018\u201C](?=[0-9A-Z]*\d)[0-9A-Z]{4,20}["'\u2019\u201D])
        """,
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace,
        matchTimeoutMilliseconds: MatchTimeoutMilliseconds)]
    private static partial Regex TokenLike();

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

    /// <summary>Reads an error body, its texts cleaned for a message or a log line.</summary>
    /// <param name="utf8Body">The body SignalWire answered.</param>
    /// <param name="withheld">
    /// The code being verified, if any: SignalWire may echo it, so it is withheld whole from every field, before any
    /// other masking (masking a number first would leave its last digits, and the code would no longer match).
    /// </param>
    public static SignalWireErrorBody Parse(byte[] utf8Body, string? withheld = null)
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
                    var one = FromObject(item, withheld);
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
                return new SignalWireErrorBody(null, Sanitize(error.GetString(), withheld), null);
            }

            return FromObject(root, withheld);
        }
        catch (JsonException)
        {
            // An error body that is not JSON (a proxy's HTML page) tells nothing worth keeping.
            return Empty;
        }
    }

    private static SignalWireErrorBody FromObject(JsonElement error, string? withheld)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return Empty;
        }

        var message = Text(error, "message") ?? Text(error, "detail") ?? Text(error, "title");
        return new SignalWireErrorBody(Unless(Text(error, "code"), withheld), Sanitize(message, withheld), Unless(Text(error, "attribute"), withheld));
    }

    // A code or an attribute is a name, not a sentence: one that holds the code is dropped, not edited.
    private static string? Unless(string? name, string? withheld) =>
        string.IsNullOrEmpty(withheld) || name?.Contains(withheld, StringComparison.OrdinalIgnoreCase) != true ? name : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    // The order matters: codes go whole first, then the text is cut to length (a cut could split a code and hide it
    // from the match), then numbers are masked to their last two digits.
    private static string? Sanitize(string? message, string? withheld)
    {
        if (message is null)
        {
            return null;
        }

        try
        {
            var text = message.Length > LongestMatched ? message[..LongestMatched] : message;
            text = string.IsNullOrEmpty(withheld) ? text : text.Replace(withheld, WithheldCode, StringComparison.OrdinalIgnoreCase);
            text = TokenLike().Replace(text, match => match.Value[..(match.Groups["value"].Index - match.Index)] + WithheldCode);
            text = text.Length > 300 ? text[..300] + "…" : text;
            return PhoneLike().Replace(text, match => E164PhoneNumber.Mask(match.Value));
        }
        catch (RegexMatchTimeoutException)
        {
            return "(message withheld)";
        }
    }
}
