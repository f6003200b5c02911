using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Sample.SignIn;

/// <summary>What the code input shows: the settings' length and alphabet, so phones offer the right keyboard.</summary>
public sealed class CodeInput(IOptions<SignalWireMfaOptions> options)
{
    /// <summary>Gets the number of characters in a code.</summary>
    public int Length => options.Value.TokenLength;

    /// <summary>Gets whether codes hold digits only, so that phones show a numeric keyboard.</summary>
    public bool DigitsOnly => !options.Value.AllowAlphas;

    /// <summary>Gets the HTML <c>pattern</c> of a code.</summary>
    public string Pattern => (DigitsOnly ? "[0-9]" : "[0-9A-Za-z]") + "{" + Length + "}";

    /// <summary>What a page says when the input is not a code at all, in the reader's language.</summary>
    public string Malformed(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DigitsOnly ? text["Enter the {0}-digit code.", Length] : text["Enter the {0}-character code.", Length];
    }
}
