namespace Identity.SignalWire.UI.DefaultUI;

/// <summary>
/// Names the drop-in pages' one set of translations (Resources/DefaultUI/UIText.{culture}.resx). The English text is
/// the key, as in the samples, so English needs no file and a missing translation shows English, never a key.
/// </summary>
internal sealed class UIText;
