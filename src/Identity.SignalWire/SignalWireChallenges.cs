using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// Clears a user for the SMS-pumping guard after the application's own human check: when a confirmation code was
/// refused with <see cref="SignalWireSendLimit.ChallengeRequired"/>, ask the user for a CAPTCHA (or trust a signal of
/// your own: an e-mail confirmed long ago, an account with a history), call <see cref="ClearAsync"/>, and send the code
/// again; it goes out. Registered by <c>AddSignalWireTokenProviders()</c>; resolve it from the request's services.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// <para>
/// A clearance lets one confirmation code through a stopped range or region, and is then used up; unused, it lapses
/// after <see cref="SignalWirePumpingGuardOptions.ClearanceLifetime"/>. One check per code: a clearance that lasted
/// would let one solved CAPTCHA (a few tenths of a cent at a solving farm) buy as many pumped texts as the user's
/// budgets allow, while an honest user asks for one code, rarely two.
/// </para>
/// <para>
/// Nothing of the request is trusted: the clearance is keyed by the user's id, hashed with the site's key, and kept in
/// the store the guard counts in (on Redis, used up by the same atomic script that finds the tier stopped, so exactly
/// one code goes out on it whichever instance sends). Call it only once your check has passed.
/// </para>
/// </remarks>
public sealed class SignalWireChallenges<TUser>
    where TUser : class
{
    private readonly UserManager<TUser> _users;
    private readonly KeyedHasher _hasher;
    private readonly PumpingGuard _guard;

    internal SignalWireChallenges(UserManager<TUser> users, KeyedHasher hasher, PumpingGuard guard)
    {
        _users = users;
        _hasher = hasher;
        _guard = guard;
    }

    /// <summary>
    /// Clears <paramref name="user"/> for one confirmation code through the pumping guard: the user's next code to a
    /// number not yet confirmed goes out even where a range or region is stopped (the other budgets still apply).
    /// </summary>
    /// <param name="user">The user who passed the application's check.</param>
    /// <param name="cancellationToken">Cancels the call before the clearance is written.</param>
    /// <returns>A task that completes when the clearance is kept.</returns>
    /// <exception cref="SignalWireMfaException">
    /// The distributed cache could not keep it (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).
    /// </exception>
    public async Task ClearAsync(TUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = await _users.GetUserIdAsync(user).ConfigureAwait(false);
        var userHash = await _hasher.HashAsync(userId).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await _guard.ClearAsync(userHash).ConfigureAwait(false);
    }
}
