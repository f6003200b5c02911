using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// What step-up remembers about one sign-in session, kept in that session's own authentication ticket (the Identity
/// cookie, protected by Data Protection): the proof and when it was made, and whether this session made the current
/// recovery codes. Inside the ticket the proof cannot be carried to another session or another browser, and it ends
/// with the session (sign-out, a new sign-in).
/// </summary>
internal static class StepUpSession
{
    private const string ProofItem = ".Identity.SignalWire.StepUp";
    private const string MintedRecoveryCodesItem = ".Identity.SignalWire.RecoveryCodesMinted";

    /// <summary>
    /// Whether the session's proof was made for <paramref name="userId"/> with <paramref name="securityStamp"/> (so
    /// it dies with any change that renews the stamp) and is younger than <paramref name="freshFor"/>.
    /// </summary>
    public static bool HasFreshProof(AuthenticationProperties? session, string userId, string? securityStamp, DateTimeOffset now, TimeSpan freshFor)
    {
        if (session is null || !session.Items.TryGetValue(ProofItem, out var value) || value is null)
        {
            return false;
        }

        var parts = value.Split('\n');
        if (parts.Length != 3
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var provedAtSeconds)
            || provedAtSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(provedAtSeconds);
        return age >= TimeSpan.Zero && age < freshFor
            && string.Equals(parts[0], userId, StringComparison.Ordinal)
            && string.Equals(parts[1], StampHash(securityStamp), StringComparison.Ordinal);
    }

    /// <summary>Whether this session made the recovery codes the user has now.</summary>
    public static bool MintedRecoveryCodes(AuthenticationProperties? session) =>
        session is not null && session.Items.ContainsKey(MintedRecoveryCodesItem);

    public static void RecordProof(AuthenticationProperties session, string userId, string? securityStamp, DateTimeOffset now) =>
        session.Items[ProofItem] = string.Join(
            '\n', userId, StampHash(securityStamp), now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public static void RecordMintedRecoveryCodes(AuthenticationProperties session) => session.Items[MintedRecoveryCodesItem] = "1";

    public static void ForgetProof(AuthenticationProperties session) => session.Items.Remove(ProofItem);

    /// <summary>The session's ticket as this request presented it; <see langword="null"/> when not signed in.</summary>
    public static async Task<AuthenticateResult?> ReadAsync(HttpContext context, string scheme)
    {
        var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        return result.Succeeded ? result : null;
    }

    /// <summary>
    /// Issues the session's ticket again with <paramref name="change"/> made to its items, as
    /// <c>SignInManager.RefreshSignInAsync</c> does: the principal is made anew from the store (so it carries the
    /// current security stamp) and keeps how the user signed in; the other properties (persistence, expiry) stay.
    /// </summary>
    public static async Task<bool> WriteAsync<TUser>(
        HttpContext context,
        SignInManager<TUser> signInManager,
        TUser user,
        Action<AuthenticationProperties> change)
        where TUser : class
    {
        var current = await ReadAsync(context, signInManager.AuthenticationScheme).ConfigureAwait(false);
        if (current?.Principal is null)
        {
            return false;
        }

        var session = new AuthenticationProperties(
            new Dictionary<string, string?>(current.Properties!.Items, StringComparer.Ordinal),
            current.Properties.Parameters.Count == 0 ? null : new Dictionary<string, object?>(current.Properties.Parameters, StringComparer.Ordinal));
        change(session);

        // The same claims RefreshSignInAsync carries over: how the user signed in (password, external, passkey).
        var carried = current.Principal.Claims
            .Where(claim => claim.Type is "amr" or System.Security.Claims.ClaimTypes.AuthenticationMethod)
            .ToList();
        await signInManager.SignInWithClaimsAsync(user, session, carried).ConfigureAwait(false);
        return true;
    }

    // The stamp itself never needs to be read back, only compared; the ticket is encrypted either way.
    private static string StampHash(string? securityStamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? string.Empty)));
}
