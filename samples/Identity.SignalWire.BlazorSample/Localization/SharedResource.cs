namespace Identity.SignalWire.BlazorSample.Localization;

/// <summary>
/// Names the Blazor sample's one set of translations (Resources/Localization/SharedResource.{culture}.resx). The
/// English text is the key, so English needs no file and a missing translation shows English rather than a key.
/// </summary>
/// <remarks>The same layout as the Razor Pages sample's translations, so that one can be read from the other.</remarks>
public sealed class SharedResource;
