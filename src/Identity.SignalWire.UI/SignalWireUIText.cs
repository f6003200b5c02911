namespace Identity.SignalWire.UI;

/// <summary>
/// Names the components' translations (<c>Resources/SignalWireUIText.{culture}.resx</c> in this package: es, fr, de,
/// pt). The English text is the key, so English needs no file and a missing translation shows English. An application
/// may replace any sentence by registering its own <c>IStringLocalizer&lt;SignalWireUIText&gt;</c>.
/// </summary>
public sealed class SignalWireUIText
{
    private SignalWireUIText()
    {
    }
}
