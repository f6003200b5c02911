using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Samples;

/// <summary>
/// Step-up: before the phone number changes or two-factor sign-in is turned off, the signed-in user proves again that
/// they hold the confirmed phone (a fresh code sent to it) or a recovery code. A stolen session alone cannot move the
/// second factor to another phone. The proof is a protected cookie bound to the user and the security stamp, so that
/// it dies with the change it allowed (both changes renew the stamp), and it is fresh for <see cref="StepUp.FreshFor"/>.
/// Shared as source by both samples.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
public sealed class StepUp<TUser>(
    IDataProtectionProvider dataProtection,
    UserManager<TUser> userManager,
    TimeProvider timeProvider)
    where TUser : class
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Identity.SignalWire.Samples.StepUp.v1");

    /// <summary>
    /// Whether <paramref name="user"/> must step up before changing the second factor: when a confirmed phone number
    /// exists to send the fresh code to. Without one there is nothing to move yet.
    /// </summary>
    public async Task<bool> IsRequiredAsync(TUser user) =>
        !string.IsNullOrEmpty(await userManager.GetPhoneNumberAsync(user)) && await userManager.IsPhoneNumberConfirmedAsync(user);

    /// <summary>Whether this browser holds a fresh step-up for <paramref name="user"/> as the user is now.</summary>
    public async Task<bool> IsFreshAsync(HttpContext context, TUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(StepUp.CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        string[] parts;
        try
        {
            parts = _protector.Unprotect(value).Split('\n');
        }
        catch (CryptographicException)
        {
            // An old key or a tampered cookie: no step-up (fail closed).
            return false;
        }

        if (parts.Length != 3
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAt))
        {
            return false;
        }

        var age = timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        return age >= TimeSpan.Zero && age < StepUp.FreshFor
            && string.Equals(parts[0], await userManager.GetUserIdAsync(user), StringComparison.Ordinal)
            && string.Equals(parts[1], await userManager.GetSecurityStampAsync(user), StringComparison.Ordinal);
    }

    /// <summary>Records a successful step-up for <paramref name="user"/> in this browser.</summary>
    public async Task GrantAsync(HttpContext context, TUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = string.Join(
            '\n',
            await userManager.GetUserIdAsync(user),
            await userManager.GetSecurityStampAsync(user),
            timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        context.Response.Cookies.Append(StepUp.CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });
    }
}

/// <summary>The settings of <see cref="StepUp{TUser}"/> that do not depend on the user type.</summary>
public static class StepUp
{
    /// <summary>The token purpose of step-up codes; the library sends them to the user's stored, confirmed number.</summary>
    public const string Purpose = "StepUp";

    /// <summary>How long a step-up stays valid: long enough to fill in one form.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>The cookie that holds the proof.</summary>
    internal const string CookieName = ".Identity.SignalWire.StepUp";

    /// <summary>Forgets the step-up once the change it allowed is made.</summary>
    public static void Clear(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
