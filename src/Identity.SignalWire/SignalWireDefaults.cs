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
    /// The name of the token provider that sends and checks codes through <paramref name="channel"/>:
    /// <see cref="CallProviderName"/> for a call, <see cref="SmsProviderName"/> otherwise.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The provider's name, for <c>UserManager.GenerateTwoFactorTokenAsync</c> and its kin.</returns>
    public static string ProviderNameFor(SignalWireMfaChannel channel) =>
        channel == SignalWireMfaChannel.Call ? CallProviderName : SmsProviderName;

    /// <summary>
    /// The purpose Identity uses for two-factor sign-in codes: <c>"TwoFactor"</c>. Pass it to
    /// <see cref="SignalWirePendingCodes{TUser}.FindAsync"/> on the sign-in code page.
    /// </summary>
    public const string TwoFactorPurpose = "TwoFactor";

    /// <summary>
    /// The purpose of step-up codes: <c>"StepUp"</c>. Pass it to <see cref="SignalWirePendingCodes{TUser}.FindAsync"/> on
    /// the step-up page. Step-up codes go only to the user's confirmed phone number.
    /// </summary>
    public const string StepUpPurpose = "StepUp";

    /// <summary>
    /// The authorization policy <c>AddSignalWireStepUp()</c> adds: <c>"SignalWire.StepUp"</c>. Require it with
    /// <see cref="RequireStepUpAttribute"/>, <c>.RequireStepUp()</c> or <c>.RequireAuthorization(StepUpPolicy)</c>.
    /// </summary>
    public const string StepUpPolicy = "SignalWire.StepUp";

    /// <summary>
    /// The <c>type</c> of the problem document answering a request that needs step-up and is not from a browser:
    /// <c>"urn:identity-signalwire:step-up-required"</c>, with status 403.
    /// </summary>
    public const string StepUpRequiredProblemType = "urn:identity-signalwire:step-up-required";

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
