using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Testing;

/// <summary>
/// What an application with a saved language per user registers: here the language is the user's "locale" claim.
/// No claim leaves the choice to the request's culture.
/// </summary>
internal sealed class ClaimCultureSelector : ISignalWireCultureSelector<IdentityUser>
{
    public const string ClaimType = "locale";

    public async ValueTask<CultureInfo?> SelectCultureAsync(UserManager<IdentityUser> manager, IdentityUser user)
    {
        var claims = await manager.GetClaimsAsync(user);
        return claims.FirstOrDefault(claim => claim.Type == ClaimType) is { } locale
            ? CultureInfo.GetCultureInfo(locale.Value)
            : null;
    }
}
