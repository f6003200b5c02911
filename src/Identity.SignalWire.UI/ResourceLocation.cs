using Microsoft.Extensions.Localization;

// The pages' translations live in this assembly's Resources folder whatever ResourcesPath the application sets.
[assembly: ResourceLocation("Resources")]
[assembly: RootNamespace("Identity.SignalWire.UI")]
