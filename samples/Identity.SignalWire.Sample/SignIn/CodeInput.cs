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
}
