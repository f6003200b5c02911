using Microsoft.Extensions.Options;

namespace Identity.SignalWire.UI.Components.Internal;

/// <summary>
/// The attributes of every code box, from the library's settings: a numeric keyboard for digit codes, the length and
/// alphabet as a pattern, and <c>autocomplete="one-time-code"</c> so that phones offer the code from the text.
/// </summary>
internal sealed class CodeBox(IOptions<SignalWireMfaOptions> options)
{
    private readonly SignalWireMfaOptions _settings = options.Value;

    /// <summary>Gets whether codes may hold letters.</summary>
    public bool AllowAlphas => _settings.AllowAlphas;

    /// <summary>Gets the number of characters in a code.</summary>
    public int Length => _settings.TokenLength;

    /// <summary>Gets the attributes to splat onto the input.</summary>
    public IReadOnlyDictionary<string, object> Attributes => new Dictionary<string, object>
    {
        ["autocomplete"] = "one-time-code",
        ["inputmode"] = _settings.AllowAlphas ? "text" : "numeric",
        ["pattern"] = (_settings.AllowAlphas ? "[0-9A-Za-z]" : "[0-9]") + "{" + Length + "}",
        ["maxlength"] = Length,
        ["autocapitalize"] = "characters",
        ["spellcheck"] = "false",
        ["required"] = true,
    };
}
