using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using Twilio.Http;

namespace Identity.SignalWire.Benchmarks.Peer;

/// <summary>
/// Registers the peer as a site would: one <see cref="TwilioRestClient"/> over an <c>IHttpClientFactory</c> client (so it
/// goes through the same handler chain as the library's named client), and the provider under its own name.
/// </summary>
internal static class TwilioVerifyRegistration
{
    private const string HttpClientName = "Twilio";

    public static IdentityBuilder AddTwilioVerifyPeer(this IdentityBuilder identity, HttpMessageHandler twilioVerify)
    {
        identity.Services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => twilioVerify);
        identity.Services.AddSingleton<ITwilioRestClient>(services => new TwilioRestClient(
            CannedTwilioVerifyHandler.AccountSid,
            "twilio-auth-token-0123456789abcdef",
            httpClient: new SystemNetHttpClient(services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName))));
        identity.Services.AddSingleton(new TwilioVerifySettings(CannedTwilioVerifyHandler.ServiceSid));
        return identity.AddTokenProvider<TwilioVerifyTokenProvider<IdentityUser>>(TwilioVerifyTokenProvider<IdentityUser>.ProviderName);
    }
}
