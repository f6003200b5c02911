using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Step-up: before a sensitive action (a change to a second factor, the password), the signed-in user proves again
/// that they hold the account's second factor — with a fresh code sent to their confirmed phone by text or call, a
/// code from their authenticator app, or a recovery code — and this session gets a short-lived proof, bound to the
/// user, the security stamp and the session. Actions require it with <see cref="RequireStepUpAttribute"/> or
/// <c>.RequireStepUp()</c>. Registered by <c>AddSignalWireStepUp()</c>; resolve it from the request's services.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// <para>
/// Fails closed: no session, a session of another user, a changed security stamp, an old proof or an unreadable one
/// all mean "not proved". A proof is never made from something this session could have made itself: codes go only to
/// the phone number already confirmed (not to one being added), and recovery codes that this session made with
/// <see cref="GenerateRecoveryCodesAsync"/> do not count.
/// </para>
/// <para>
/// A user with no second factor (no confirmed phone, two-factor sign-in off) has nothing to prove, and is let through.
/// </para>
/// </remarks>
public sealed class SignalWireStepUp<TUser>
    where TUser : class
{
    private readonly UserManager<TUser> _users;
    private readonly SignInManager<TUser> _signIn;
    private readonly SignalWirePendingCodes<TUser> _pendingCodes;
    private readonly TimeProvider _time;
    private readonly SignalWireStepUpOptions _options;

    internal SignalWireStepUp(
        UserManager<TUser> users,
        SignInManager<TUser> signIn,
        SignalWirePendingCodes<TUser> pendingCodes,
        TimeProvider time,
        IOptions<SignalWireStepUpOptions> options)
    {
        _users = users;
        _signIn = signIn;
        _pendingCodes = pendingCodes;
        _time = time;
        _options = options.Value;
    }

    /// <summary>
    /// Whether <paramref name="user"/> has a second factor to prove: a confirmed phone number, or two-factor sign-in on.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <returns><see langword="false"/> when there is nothing to prove yet, and step-up lets the user through.</returns>
    public async Task<bool> IsRequiredAsync(TUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await HasConfirmedPhoneAsync(user).ConfigureAwait(false) || await _users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether this session may do what step-up guards, for <paramref name="user"/> as the user is now: step-up is not
    /// required, or the session holds a proof made for this user and security stamp less than
    /// <see cref="SignalWireStepUpOptions.FreshFor"/> ago.
    /// </summary>
    /// <param name="context">The request, whose sign-in session holds the proof.</param>
    /// <param name="user">The signed-in user.</param>
    /// <returns><see langword="true"/> when the action may go ahead.</returns>
    public async Task<bool> IsSatisfiedAsync(HttpContext context, TUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        if (!await IsRequiredAsync(user).ConfigureAwait(false))
        {
            return true;
        }

        var session = await StepUpSession.ReadAsync(context, _signIn.AuthenticationScheme).ConfigureAwait(false);
        return StepUpSession.HasFreshProof(
            session?.Properties,
            await _users.GetUserIdAsync(user).ConfigureAwait(false),
            _users.SupportsUserSecurityStamp ? await _users.GetSecurityStampAsync(user).ConfigureAwait(false) : null,
            _time.GetUtcNow(),
            _options.FreshFor);
    }

    /// <summary>The ways <paramref name="user"/> can prove themselves in this session.</summary>
    /// <param name="context">The request, whose session may have made the user's recovery codes.</param>
    /// <param name="user">The signed-in user.</param>
    /// <returns>The ways; <see cref="SignalWireStepUpMethods.None"/> when there is no second factor.</returns>
    public async Task<SignalWireStepUpMethods> GetMethodsAsync(HttpContext context, TUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var methods = SignalWireStepUpMethods.None;
        if (await HasConfirmedPhoneAsync(user).ConfigureAwait(false))
        {
            methods |= SignalWireStepUpMethods.Sms | SignalWireStepUpMethods.Call;
        }

        if (await _users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            // Registered and enrolled: the authenticator provider offers itself only when the user has a key.
            if ((await _users.GetValidTwoFactorProvidersAsync(user).ConfigureAwait(false)).Contains(_users.Options.Tokens.AuthenticatorTokenProvider))
            {
                methods |= SignalWireStepUpMethods.Authenticator;
            }

            if (await _users.CountRecoveryCodesAsync(user).ConfigureAwait(false) > 0
                && !StepUpSession.MintedRecoveryCodes((await StepUpSession.ReadAsync(context, _signIn.AuthenticationScheme).ConfigureAwait(false))?.Properties))
            {
                methods |= SignalWireStepUpMethods.RecoveryCode;
            }
        }

        return methods;
    }

    /// <summary>
    /// Asks SignalWire to send a step-up code to the user's confirmed phone number, by text or by call. Its state is
    /// read with <c>SignalWirePendingCodes.FindAsync(user, SignalWireDefaults.StepUpPurpose)</c>.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="channel">Text message or voice call.</param>
    /// <returns>A task that completes when SignalWire has accepted the request.</returns>
    /// <exception cref="InvalidOperationException">The user has no confirmed phone number: nothing was sent.</exception>
    /// <exception cref="SignalWireSendLimitException">A send budget refused the code; nothing was sent.</exception>
    /// <exception cref="SignalWireMfaException">SignalWire or the distributed cache could not be used.</exception>
    public async Task SendCodeAsync(TUser user, SignalWireMfaChannel channel)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await HasConfirmedPhoneAsync(user).ConfigureAwait(false))
        {
            // Never to a number that is not confirmed: that could be the one a stolen session is adding.
            throw new InvalidOperationException(
                "The user has no confirmed phone number, so no step-up code can be sent. Offer the methods GetMethodsAsync returns.");
        }

        await _users.GenerateUserTokenAsync(user, SignalWireDefaults.ProviderNameFor(channel), SignalWireDefaults.StepUpPurpose).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks what the user typed and, when it is right, gives this session a fresh proof (the sign-in cookie is issued
    /// again with it). A wrong answer counts toward the user's lockout, as at sign-in.
    /// </summary>
    /// <param name="context">The request, whose sign-in session gets the proof.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="method">
    /// How the user proves: <see cref="SignalWireStepUpMethods.Sms"/> or <see cref="SignalWireStepUpMethods.Call"/>
    /// (either means the code <see cref="SendCodeAsync"/> sent last, by whichever channel), <see cref="SignalWireStepUpMethods.Authenticator"/> or
    /// <see cref="SignalWireStepUpMethods.RecoveryCode"/> (which is used up). One method, not a combination.
    /// </param>
    /// <param name="code">What the user typed.</param>
    /// <returns>Whether the session now holds a proof, and why not.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not exactly one method.</exception>
    /// <exception cref="SignalWireMfaException">SignalWire or the distributed cache could not answer: nothing counted.</exception>
    public async Task<SignalWireStepUpResult> ProveAsync(HttpContext context, TUser user, SignalWireStepUpMethods method, string? code)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        if (method is not (SignalWireStepUpMethods.Sms or SignalWireStepUpMethods.Call or SignalWireStepUpMethods.Authenticator or SignalWireStepUpMethods.RecoveryCode))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Pass exactly one of Sms, Call, Authenticator or RecoveryCode.");
        }

        if ((await GetMethodsAsync(context, user).ConfigureAwait(false) & method) == 0)
        {
            return SignalWireStepUpResult.MethodUnavailable;
        }

        if (await _users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return SignalWireStepUpResult.LockedOut;
        }

        if (string.IsNullOrWhiteSpace(code) || !await CheckAsync(user, method, code).ConfigureAwait(false))
        {
            await _users.AccessFailedAsync(user).ConfigureAwait(false);
            return await _users.IsLockedOutAsync(user).ConfigureAwait(false) ? SignalWireStepUpResult.LockedOut : SignalWireStepUpResult.Failed;
        }

        await _users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        var userId = await _users.GetUserIdAsync(user).ConfigureAwait(false);
        var stamp = _users.SupportsUserSecurityStamp ? await _users.GetSecurityStampAsync(user).ConfigureAwait(false) : null;
        var now = _time.GetUtcNow();
        return await StepUpSession.WriteAsync(context, _signIn, user, session => StepUpSession.RecordProof(session, userId, stamp, now)).ConfigureAwait(false)
            ? SignalWireStepUpResult.Succeeded
            : SignalWireStepUpResult.MethodUnavailable;
    }

    /// <summary>
    /// Makes a new set of recovery codes (the old set stops working) and records that this session made them, so that
    /// they never prove this session. Call it, instead of <c>UserManager.GenerateNewTwoFactorRecoveryCodesAsync</c>,
    /// from an action that requires step-up.
    /// </summary>
    /// <param name="context">The request, whose sign-in session is recorded as the maker.</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="number">How many codes to make.</param>
    /// <returns>The new codes, to show once; <see langword="null"/> when the store keeps no recovery codes.</returns>
    public async Task<IReadOnlyList<string>?> GenerateRecoveryCodesAsync(HttpContext context, TUser user, int number)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);

        // Recorded first: if the session cannot be written, no codes are made that it could later pass off as old.
        if (!await StepUpSession.WriteAsync(context, _signIn, user, StepUpSession.RecordMintedRecoveryCodes).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Recovery codes are made for a signed-in session; this request has none.");
        }

        var codes = await _users.GenerateNewTwoFactorRecoveryCodesAsync(user, number).ConfigureAwait(false);
        return codes?.ToList();
    }

    /// <summary>Ends this session's proof, once the change it allowed is made.</summary>
    /// <param name="context">The request, whose sign-in session holds the proof.</param>
    /// <param name="user">The signed-in user.</param>
    /// <returns>A task that completes when the sign-in cookie has been issued again without the proof.</returns>
    public async Task ForgetAsync(HttpContext context, TUser user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        await StepUpSession.WriteAsync(context, _signIn, user, StepUpSession.ForgetProof).ConfigureAwait(false);
    }

    private async Task<bool> CheckAsync(TUser user, SignalWireStepUpMethods method, string code)
    {
        var typed = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        switch (method)
        {
            case SignalWireStepUpMethods.Sms or SignalWireStepUpMethods.Call:
                // The code is checked by the provider of the channel it went by; none pending is simply wrong.
                var pending = await _pendingCodes.FindAsync(user, SignalWireDefaults.StepUpPurpose).ConfigureAwait(false);
                return pending is not null
                    && await _users.VerifyUserTokenAsync(user, SignalWireDefaults.ProviderNameFor(pending.Channel), SignalWireDefaults.StepUpPurpose, typed).ConfigureAwait(false);
            case SignalWireStepUpMethods.Authenticator:
                return await _users.VerifyTwoFactorTokenAsync(user, _users.Options.Tokens.AuthenticatorTokenProvider, typed).ConfigureAwait(false);
            default:
                // Recovery codes are made with a dash in the middle, and Identity compares them as made.
                return (await _users.RedeemTwoFactorRecoveryCodeAsync(user, code.Replace(" ", string.Empty, StringComparison.Ordinal)).ConfigureAwait(false)).Succeeded;
        }
    }

    private async Task<bool> HasConfirmedPhoneAsync(TUser user) =>
        E164PhoneNumber.TryNormalize(await _users.GetPhoneNumberAsync(user).ConfigureAwait(false), out _)
        && await _users.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false);

}
