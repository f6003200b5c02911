namespace Identity.SignalWire;

/// <summary>
/// Names and constants shared by the SignalWire token providers and their registration.
/// </summary>
public static class SignalWireDefaults
{
    /// <summary>
    /// The name under which the SMS token provider is registered with Identity.
    /// Pass it to <c>UserManager.GenerateTwoFactorTokenAsync</c> and <c>SignInManager.TwoFactorSignInAsync</c>.
    /// </summary>
    public const string SmsProviderName = "SignalWireSms";

    /// <summary>
    /// The name under which the voice-call token provider is registered with Identity.
    /// </summary>
    public const string CallProviderName = "SignalWireCall";

    /// <summary>
    /// The purpose Identity uses for two-factor sign-in codes: <c>"TwoFactor"</c>. Pass it to
    /// <see cref="SignalWirePendingCodes{TUser}.FindAsync"/> on the sign-in code page.
    /// </summary>
    public const string TwoFactorPurpose = "TwoFactor";

    /// <summary>
    /// The configuration section that <c>AddSignalWireTokenProviders()</c> binds: <c>"SignalWire"</c>.
    /// </summary>
    public const string ConfigurationSectionName = "SignalWire";

    /// <summary>
    /// The name of the <see cref="System.Net.Http.HttpClient"/> the MFA client uses, so that an application can add
    /// handlers to it: <c>services.AddHttpClient(SignalWireDefaults.HttpClientName).AddHttpMessageHandler(...)</c>.
    /// </summary>
    public const string HttpClientName = "Identity.SignalWire";

    /// <summary>
    /// The default prefix of every distributed-cache key this library writes.
    /// </summary>
    public const string CacheKeyPrefix = "Identity.SignalWire:";

    /// <summary>The name of the health check <c>AddSignalWire()</c> adds: <c>"signalwire"</c>.</summary>
    public const string HealthCheckName = "signalwire";

    /// <summary>
    /// The SignalWire REST host for a space: <c>https://{space}.signalwire.com/api/relay/rest/</c>.
    /// </summary>
    internal static Uri BaseAddressForSpace(string spaceName) =>
        new($"https://{spaceName}.signalwire.com/api/relay/rest/", UriKind.Absolute);
}
