using Microsoft.AspNetCore.Identity;
using Twilio.Clients;
using Twilio.Rest.Verify.V2.Service;

namespace Identity.SignalWire.Benchmarks.Peer;

/// <summary>
/// The peer: the two-factor token provider a site would write over Twilio Verify with Twilio's own SDK, as Twilio's
/// quick starts show it. Twilio Verify keys a pending verification by the number it went to, so the provider keeps
/// nothing: no cache, no budgets, no hashing, no telemetry of its own. A send starts a verification; a check is right
/// when Twilio answers "approved".
/// </summary>
public sealed class TwilioVerifyTokenProvider<TUser>(ITwilioRestClient twilio, TwilioVerifySettings settings) : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    public const string ProviderName = "TwilioVerify";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetPhoneNumberAsync(user)) && await manager.IsPhoneNumberConfirmedAsync(user);

    public async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        var to = await manager.GetPhoneNumberAsync(user) ?? throw new InvalidOperationException("The user has no phone number.");
        await VerificationResource.CreateAsync(to: to, channel: "sms", pathServiceSid: settings.ServiceSid, client: twilio);

        // Twilio delivers the code; Identity sends nothing for an empty token.
        return string.Empty;
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        var to = await manager.GetPhoneNumberAsync(user);
        if (to is null)
        {
            return false;
        }

        var check = await VerificationCheckResource.CreateAsync(to: to, code: token, pathServiceSid: settings.ServiceSid, client: twilio);
        return check.Status == "approved";
    }
}

/// <summary>The Verify service the peer sends through.</summary>
public sealed record TwilioVerifySettings(string ServiceSid);
