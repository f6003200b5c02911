using System.Net.Http.Headers;
using System.Text;

namespace Identity.SignalWire;

/// <summary>
/// What every request to SignalWire's MFA API takes from the settings alone: the routes, the credentials header and
/// the time limit. Made once for the application: Identity builds every token provider, and so a client, for each
/// <c>UserManager</c>, which is for each request that signs anyone in or out, whether it sends a code or not.
/// </summary>
internal sealed class SignalWireEndpoint
{
    /// <summary>Reads <paramref name="settings"/>, which must have passed validation.</summary>
    public SignalWireEndpoint(SignalWireMfaOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        BaseAddress = settings.ResolveBaseAddress();
        SmsRoute = new Uri(BaseAddress, "mfa/sms");
        CallRoute = new Uri(BaseAddress, "mfa/call");
        Timeout = settings.Timeout;
        Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ProjectId}:{settings.ApiToken}")));
    }

    /// <summary>Gets the REST base address, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the route that sends a code by SMS.</summary>
    public Uri SmsRoute { get; }

    /// <summary>Gets the route that sends a code by voice call.</summary>
    public Uri CallRoute { get; }

    /// <summary>Gets how long one call may take (<see cref="SignalWireMfaOptions.Timeout"/>).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets the Basic credentials header: the project ID and the API token. Never logged.</summary>
    public AuthenticationHeaderValue Authorization { get; }
}
