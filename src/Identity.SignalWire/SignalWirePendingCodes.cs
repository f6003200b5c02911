using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The state of each user's pending code, for the pages that ask for one: whether a code is pending for a purpose,
/// where it went, until when it works, how many tries it has left and when a new one may be sent; and a way to cancel
/// it. Registered by <c>AddSignalWireTokenProviders()</c>; resolve it from the request's services.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// There is one pending code per user and purpose, whatever the channel: a call code replaces a text code and the
/// other way round. Two-factor sign-in uses the purpose <see cref="SignalWireDefaults.TwoFactorPurpose"/>;
/// confirming a number uses <c>"ChangePhoneNumber:" + number</c>, as Identity does.
/// </remarks>
public sealed class SignalWirePendingCodes<TUser>
    where TUser : class
{
    private readonly UserManager<TUser> _users;
    private readonly PendingCodeStore _pendingCodes;
    private readonly KeyedHasher _hasher;
    private readonly SendBudget _sendBudget;
    private readonly int _maxAttempts;
    private readonly int _tokenLength;
    private readonly bool _allowAlphas;

    internal SignalWirePendingCodes(
        UserManager<TUser> users,
        PendingCodeStore pendingCodes,
        KeyedHasher hasher,
        SendBudget sendBudget,
        IOptions<SignalWireMfaOptions> options)
    {
        _users = users;
        _pendingCodes = pendingCodes;
        _hasher = hasher;
        _sendBudget = sendBudget;
        _maxAttempts = options.Value.MaxAttempts;
        _tokenLength = options.Value.TokenLength;
        _allowAlphas = options.Value.AllowAlphas;
    }

    /// <summary>
    /// Whether <paramref name="input"/> can be a code at all: the configured length and alphabet, once spaces and
    /// dashes are dropped, as the token providers read it. Check it before <c>TwoFactorSignInAsync</c>, so that a typo
    /// is answered with "enter the 6-digit code" rather than counted toward the user's lockout.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <returns><see langword="true"/> when the providers would send it to SignalWire.</returns>
    public bool IsWellFormed(string? input) => TwoFactorCode.Normalize(input, _tokenLength, _allowAlphas) is not null;

    /// <summary>The code pending for <paramref name="user"/> and <paramref name="purpose"/>.</summary>
    /// <param name="user">The user the code was sent to.</param>
    /// <param name="purpose">What the code is for, such as <see cref="SignalWireDefaults.TwoFactorPurpose"/>.</param>
    /// <returns>
    /// The pending code; <see langword="null"/> when none was sent, or it expired or was used to sign in. A code whose
    /// tries are spent is still returned, with <see cref="SignalWirePendingCode.AttemptsLeft"/> zero.
    /// </returns>
    /// <exception cref="SignalWireMfaException">
    /// The distributed cache could not be read (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).
    /// </exception>
    public async Task<SignalWirePendingCode?> FindAsync(TUser user, string purpose)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(purpose);

        var userId = await _users.GetUserIdAsync(user).ConfigureAwait(false);
        var userPurposeHash = await _hasher.HashAsync(purpose, userId).ConfigureAwait(false);

        // Two independent reads: together they take one round trip's time, not two. Both are awaited even when one
        // fails (the cache is down), so that the other's failure is observed too.
        var finding = _pendingCodes.FindAsync(userPurposeHash);
        var nextSend = _sendBudget.NextSendAtAsync(userPurposeHash);
        await Task.WhenAll(finding, nextSend).ConfigureAwait(false);
        var pending = await finding.ConfigureAwait(false);
        var nextSendAt = await nextSend.ConfigureAwait(false);
        return pending is null
            ? null
            : new SignalWirePendingCode(
                pending.Channel,
                pending.MaskedDestination,
                pending.SentAt,
                pending.ExpiresAt,
                pending.AttemptsLeft(_maxAttempts),
                nextSendAt);
    }

    /// <summary>
    /// Removes the code pending for <paramref name="user"/> and <paramref name="purpose"/>, so that it can no longer be
    /// used: when the user leaves the step, or asks to start again. The resend cooldown keeps running.
    /// </summary>
    /// <param name="user">The user the code was sent to.</param>
    /// <param name="purpose">What the code is for.</param>
    /// <returns><see langword="true"/> when a code was pending and is now removed.</returns>
    /// <exception cref="SignalWireMfaException">
    /// The distributed cache could not be reached (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).
    /// </exception>
    public async Task<bool> CancelAsync(TUser user, string purpose)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(purpose);

        var userPurposeHash = await _hasher.HashAsync(purpose, await _users.GetUserIdAsync(user).ConfigureAwait(false)).ConfigureAwait(false);
        return await _pendingCodes.FindAsync(userPurposeHash).ConfigureAwait(false) is { } pending
            && await _pendingCodes.RemoveAsync(userPurposeHash, pending).ConfigureAwait(false);
    }
}
