namespace Identity.SignalWire.Sample.Localization;

/// <summary>
/// Names the sample's one set of translations (Resources/Localization/SharedResource.{culture}.resx). The English text
/// is the key, so English needs no file and a missing translation shows English rather than a key.
/// </summary>
/// <remarks>
/// One shared set rather than a .resx per page: the pages repeat many phrases ("Code", "Send the code"), and four
/// files are easier to keep complete than a few dozen.
/// </remarks>
public sealed class SharedResource;
