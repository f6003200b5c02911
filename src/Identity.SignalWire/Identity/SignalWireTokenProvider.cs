using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// An Identity two-factor token provider whose codes SignalWire sends (by SMS or voice call) and checks. The code
/// never passes through the application: the request ID SignalWire returns is kept in the distributed cache (on Redis,
/// in a hash of the library's own on the same server), keyed by purpose and user, and the code the user types is
/// checked by SignalWire's verify endpoint.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// <para>
/// Not an extension point: applications reach the providers through <c>UserManager</c> and <c>SignInManager</c>
/// under <see cref="SignalWireDefaults.SmsProviderName"/> and <see cref="SignalWireDefaults.CallProviderName"/>, and
/// read a code's state through <see cref="SignalWirePendingCodes{TUser}"/>.
/// </para>
/// <para>
/// One code is pending per user and purpose, whatever the channel: a new code replaces the earlier one, and a code is
/// checked only through the provider of the channel it went by.
/// </para>
/// <para>
/// Failure contract: <see cref="ValidateAsync"/> returns <see langword="false"/> only when the code is wrong, expired,
/// used up or unknown. When SignalWire is unavailable, rate limited or refuses the credentials, or the distributed
/// cache fails, it throws <see cref="SignalWireMfaException"/>, so that <c>SignInManager.TwoFactorSignInAsync</c> does
/// not count an outage toward the user's lockout.
/// </para>
/// </remarks>
internal abstract partial class SignalWireTokenProvider<TUser> : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    private const string ChangePhoneNumberPurposePrefix = "ChangePhoneNumber:";

    private readonly IServiceProvider _services;
    private readonly PendingCodeStore _pendingCodes;
    private readonly KeyedHasher _hasher;
    private readonly SendBudget _sendBudget;
    private readonly PumpingGuard _guard;
    private readonly SignalWireTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly SignalWireMfaOptions _options;
    private readonly SignalWireMessageSelector<TUser> _messages;
    private readonly ILogger _logger;
    private ISignalWireMfaClient? _client;

    protected SignalWireTokenProvider(
        SignalWireMfaChannel channel,
        IServiceProvider services,
        PendingCodeStore pendingCodes,
        KeyedHasher hasher,
        SendBudget sendBudget,
        PumpingGuard guard,
        SignalWireTelemetry telemetry,
        TimeProvider time,
        IOptions<SignalWireMfaOptions> options,
        ILogger<SignalWireTokenProvider<TUser>> logger,
        ISignalWireCultureSelector<TUser>? cultureSelector = null)
    {
        Channel = channel;
        _services = services;
        _pendingCodes = pendingCodes;
        _hasher = hasher;
        _sendBudget = sendBudget;
        _guard = guard;
        _telemetry = telemetry;
        _time = time;
        _options = options.Value;
        _messages = new SignalWireMessageSelector<TUser>(_options, cultureSelector);
        _logger = logger;
    }

    /// <summary>Gets the channel this provider sends codes through.</summary>
    public SignalWireMfaChannel Channel { get; }

    // Resolved when a code is sent or checked, not when the provider is built: Identity builds every token provider
    // for each UserManager, so for each request that resolves one, and most of those never send or check a code.
    private ISignalWireMfaClient Client => _client ??= _services.GetRequiredService<ISignalWireMfaClient>();

    /// <summary>
    /// Whether this user can get codes this way: the user has a phone number in E.164 form and, when
    /// <see cref="SignalWireMfaOptions.RequireConfirmedPhoneNumber"/> is set, it is confirmed.
    /// </summary>
    /// <inheritdoc />
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        var number = await manager.GetPhoneNumberAsync(user).ConfigureAwait(false);
        if (!E164PhoneNumber.TryNormalize(number, out _))
        {
            return false;
        }

        return !_options.RequireConfirmedPhoneNumber || await manager.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks SignalWire to send a code to the user — to the number in the purpose for <c>ChangePhoneNumber:{number}</c>,
    /// otherwise to the user's stored number — and keeps the request ID for <see cref="ValidateAsync"/>. A new code
    /// replaces the pending one: only the code of the send begun last for a user and purpose can succeed, whichever
    /// SignalWire answered first. The send budgets are checked first; a refusal reaches no one.
    /// </summary>
    /// <returns>
    /// <see cref="string.Empty"/>: SignalWire delivers the code; do not send the return value anywhere. Also when a send
    /// begun after this one was kept first: this code was sent but is not pending (logged as <c>CodeSuperseded</c>),
    /// which is no failure — the user has the newer code.
    /// </returns>
    /// <exception cref="InvalidOperationException">The destination is missing, not a phone number, or not confirmed.</exception>
    /// <exception cref="SignalWireSendLimitException">A send budget refused the code; nothing was sent.</exception>
    /// <exception cref="SignalWireMfaException">
    /// SignalWire refused the request or could not be reached, or the distributed cache failed
    /// (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>; when the budgets cannot be checked, nothing is sent).
    /// </exception>
    /// <inheritdoc />
    public async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        var (number, confirmed) = await ResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        var destination = number.E164;
        var userId = await manager.GetUserIdAsync(user).ConfigureAwait(false);
        bool kept;
        try
        {
            var destinationHash = await _hasher.HashAsync(destination).ConfigureAwait(false);
            // Names both the pending code and the resend cooldown.
            var userPurposeHash = await _hasher.HashAsync(purpose, userId).ConfigureAwait(false);
            var charge = await _sendBudget.ChargeAsync(userId, userPurposeHash, number, destinationHash, confirmed).ConfigureAwait(false);

            var message = await _messages.ChooseAsync(Channel, manager, user).ConfigureAwait(false);

            // Taken before SignalWire is asked: a send SignalWire answers slowly must not replace one begun after it.
            var startedAt = _pendingCodes.StartSend();
            SignalWireMfaCodeResult sent;
            try
            {
                sent = await Client.RequestCodeAsync(Channel, new SignalWireMfaCodeRequest
                {
                    To = destination,
                    From = _options.From,
                    Message = message,
                    TokenLength = _options.TokenLength,
                    ValidFor = _options.ValidFor,
                    MaxAttempts = _options.MaxAttempts,
                    AllowAlphas = _options.AllowAlphas,
                }).ConfigureAwait(false);
            }
            catch (SignalWireMfaException)
            {
                await _sendBudget.ReleaseCooldownAsync(charge).ConfigureAwait(false);
                throw;
            }

            var sentAt = _time.GetUtcNow();
            var pending = new PendingCode(
                sent.RequestId,
                Channel,
                E164PhoneNumber.Mask(destination),
                sentAt,
                sentAt + _options.ValidFor,
                destinationHash,
                await SecurityStampHashAsync(manager, user).ConfigureAwait(false))
            {
                SendStartedAt = startedAt,
            };
            kept = await _pendingCodes.SaveUnlessNewerAsync(userPurposeHash, pending).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            _telemetry.RecordRequested(Channel, number.Region, exception);
            if (exception is SignalWireSendLimitException limit)
            {
                Log.SendRefused(_logger, Channel, DescribePurpose(purpose), number.Region, limit.Limit);
            }

            throw;
        }

        // A send whose code lost to a newer one was still sent, and is counted as such; only its code is not pending.
        _telemetry.RecordRequested(Channel, number.Region);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            if (kept)
            {
                Log.CodeSent(_logger, Channel, DescribePurpose(purpose), E164PhoneNumber.Mask(destination));
            }
            else
            {
                Log.CodeSuperseded(_logger, Channel, DescribePurpose(purpose), E164PhoneNumber.Mask(destination));
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// Checks the code the user typed with SignalWire. <see langword="false"/> when the code is malformed, when no code
    /// is pending, when the pending code went by the other channel or has no tries left (in these cases SignalWire is
    /// not asked and no attempt is spent), and when SignalWire finds it wrong, expired or used up. A pending code is
    /// also refused once the user's security stamp or phone number has changed since it was sent.
    /// </summary>
    /// <remarks>
    /// Each check spends one of the code's attempts before SignalWire is asked, so checks at once never ask more often
    /// than <see cref="SignalWireMfaOptions.MaxAttempts"/>; a check SignalWire does not answer gives its attempt back.
    /// Only the caller that removes the pending entry returns <see langword="true"/>: of two right answers checked at
    /// once, one succeeds; and a right answer for a code that a new one replaced meanwhile does not sign in.
    /// </remarks>
    /// <exception cref="SignalWireMfaException">
    /// SignalWire is unavailable, rate limited or refused the credentials, or the distributed cache failed
    /// (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>): the answer is unknown, so neither
    /// <see langword="true"/> nor <see langword="false"/> is returned.
    /// </exception>
    /// <inheritdoc />
    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        // Read once: the number gives the region metrics count the check under, and the binding the code must match.
        var destination = await TryResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        var region = destination?.Region ?? PhoneNumberFacts.UnknownRegion;
        try
        {
            return await CheckAsync(purpose, destination, region, token, manager, user).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            // SignalWire or the cache could not answer: counted as a check whose answer is unknown, then thrown.
            _telemetry.RecordVerified(Channel, region, exception);
            throw;
        }
    }

    private async Task<bool> CheckAsync(string purpose, PhoneNumberFacts? destination, string region, string token, UserManager<TUser> manager, TUser user)
    {
        var purposeName = DescribePurpose(purpose);
        var code = TwoFactorCode.Normalize(token, _options.TokenLength, _options.AllowAlphas);
        if (code is null)
        {
            return Refuse(purposeName, region, SignalWireMfaVerifyResult.Invalid, "the input is not a code of the configured length and alphabet");
        }

        // The pending code's key: the keyed hash of the user and the purpose.
        var key = await _hasher.HashAsync(purpose, await manager.GetUserIdAsync(user).ConfigureAwait(false)).ConfigureAwait(false);
        var pending = await _pendingCodes.FindAsync(key).ConfigureAwait(false);
        if (pending is null)
        {
            return Refuse(purposeName, region, SignalWireMfaVerifyResult.NotFound, "no code is pending");
        }

        if (pending.Channel != Channel)
        {
            // The latest code went by the other channel; the earlier one it replaced must not work any more.
            return Refuse(purposeName, region, SignalWireMfaVerifyResult.Invalid, "the pending code was sent by the other channel");
        }

        if (pending.AttemptsLeft(_options.MaxAttempts) == 0)
        {
            return Refuse(purposeName, region, SignalWireMfaVerifyResult.NotFound, "the pending code has no tries left");
        }

        if (!await IsStillBoundAsync(pending, destination?.E164, manager, user).ConfigureAwait(false))
        {
            await _pendingCodes.RemoveAsync(key, pending).ConfigureAwait(false);
            return Refuse(purposeName, region, SignalWireMfaVerifyResult.Invalid, "the security stamp or the phone number changed since the code was sent");
        }

        // The attempt is spent before SignalWire is asked, in one atomic step: checks at once (a script sending wrong
        // codes in parallel) each need one of the attempts left, so together they ask no more often than MaxAttempts.
        switch (await _pendingCodes.ReserveAttemptAsync(key, pending, _options.MaxAttempts).ConfigureAwait(false))
        {
            case AttemptReservation.NoAttemptsLeft:
                return Refuse(purposeName, region, SignalWireMfaVerifyResult.NotFound, "the pending code has no tries left");
            case AttemptReservation.CodeGone:
                return Refuse(purposeName, region, SignalWireMfaVerifyResult.NotFound, "the code was used or replaced while it was being checked");
        }

        SignalWireMfaVerifyResult result;
        try
        {
            result = await Client.VerifyAsync(pending.RequestId, code).ConfigureAwait(false);
        }
        catch
        {
            await ReturnAttemptAsync(key, pending).ConfigureAwait(false);
            throw;
        }

        switch (result)
        {
            case SignalWireMfaVerifyResult.Invalid:
                // The reserved attempt is the wrong answer: nothing more to count.
                break;
            case SignalWireMfaVerifyResult.NotFound:
                // Not removed: a right answer for the same code may be checked at this moment (SignalWire answers the
                // second of two checks 404), and only its removal may decide. Used up, the entry is refused locally.
                await _pendingCodes.MarkUsedUpAsync(key, pending).ConfigureAwait(false);
                break;
            case SignalWireMfaVerifyResult.Valid when !await RemoveAndCountVerifiedAsync(key, pending, destination!).ConfigureAwait(false):
                // Another check of the same code removed it first, or a new code replaced it: one use only.
                return Refuse(purposeName, region, SignalWireMfaVerifyResult.NotFound, "the code was used or replaced while it was being checked");
        }

        _telemetry.RecordVerified(Channel, region, result);
        Log.Checked(_logger, Channel, purposeName, result);
        return result == SignalWireMfaVerifyResult.Valid;
    }

    // SignalWire did not answer (an outage, a refusal of the credentials): whether it spent the attempt is unknown, and
    // the user is not to blame, so the attempt goes back — one, only while the code is still the pending one and not
    // used up. Should SignalWire have spent it after all, it still enforces its own max_attempts and answers 404, which
    // marks the code used up. Best effort: a cache that fails now too leaves the attempt spent (the store failure is
    // logged) and the caller hears about the outage, not about the cache.
    private async Task ReturnAttemptAsync(string key, PendingCode pending)
    {
        try
        {
            await _pendingCodes.ReturnAttemptAsync(key, pending).ConfigureAwait(false);
        }
        catch (SignalWireMfaException)
        {
            // Logged by the store's failure translator; the verify's own exception is the one to throw.
        }
    }

    // The destination is known here: a code is checked only while it is still bound to it. SignalWire accepts a code
    // once, so its "valid" is what the pumping guard counts (in the number's range and region), whichever check then
    // removes the entry: the number's owner typed the code back. The two writes go out together, one round trip on
    // Redis rather than two in a row. The count never throws, so a failed removal leaves no unobserved exception behind.
    private async Task<bool> RemoveAndCountVerifiedAsync(string key, PendingCode pending, PhoneNumberFacts destination)
    {
        var removal = _pendingCodes.RemoveAsync(key, pending);
        var count = _guard.RecordVerifiedAsync(GuardScope.Of(destination));
        var removed = await removal.ConfigureAwait(false);
        await count.ConfigureAwait(false);
        return removed;
    }

    private bool Refuse(string purposeName, string region, SignalWireMfaVerifyResult outcome, string reason)
    {
        _telemetry.RecordVerified(Channel, region, outcome);
        Log.Rejected(_logger, Channel, purposeName, reason);
        return false;
    }

    private async Task<bool> IsStillBoundAsync(PendingCode pending, string? destination, UserManager<TUser> manager, TUser user)
    {
        if (!string.Equals(pending.SecurityStampHash, await SecurityStampHashAsync(manager, user).ConfigureAwait(false), StringComparison.Ordinal))
        {
            return false;
        }

        return destination is not null
            && string.Equals(pending.DestinationHash, await _hasher.HashAsync(destination).ConfigureAwait(false), StringComparison.Ordinal);
    }

    // Where the code goes, and whether that is the user's confirmed number (a sign-in code) or a number being
    // confirmed, whose sends have budgets of their own.
    private async Task<(PhoneNumberFacts Number, bool Confirmed)> ResolveDestinationAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        var stored = await manager.GetPhoneNumberAsync(user).ConfigureAwait(false);
        if (purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal))
        {
            // Confirming a new number: the code must go to that number, not to the one stored today.
            var target = Read(purpose[ChangePhoneNumberPurposePrefix.Length..], "The number to confirm");
            var isConfirmedNumber = E164PhoneNumber.TryNormalize(stored, out var current)
                && string.Equals(current, target.E164, StringComparison.Ordinal)
                && await manager.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false);
            return (target, isConfirmedNumber);
        }

        if (string.IsNullOrWhiteSpace(stored))
        {
            throw new InvalidOperationException(
                $"The user has no phone number, so no {Channel} code can be sent. Check CanGenerateTwoFactorTokenAsync before asking for a code.");
        }

        var number = Read(stored, "The user's phone number");
        var confirmed = await manager.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false);
        if (_options.RequireConfirmedPhoneNumber && !confirmed)
        {
            throw new InvalidOperationException(
                $"The user's phone number {E164PhoneNumber.Mask(number.E164)} is not confirmed, and SignalWire:RequireConfirmedPhoneNumber is true. Confirm it first (GenerateChangePhoneNumberTokenAsync, then ChangePhoneNumberAsync).");
        }

        return (number, confirmed);
    }

    // Where the pending code must have gone for it to count; null when that is no valid number any more.
    private async Task<PhoneNumberFacts?> TryResolveDestinationAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        var input = purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal)
            ? purpose[ChangePhoneNumberPurposePrefix.Length..]
            : await manager.GetPhoneNumberAsync(user).ConfigureAwait(false);
        return PhoneNumberFacts.Read(input) is { IsValid: true } facts ? facts : null;
    }

    // Text that is no phone number at all is the application's mistake; a number that cannot exist (valid in form, not
    // in the metadata) is refused by the destination rules as InvalidNumber, before any budget is counted.
    private static PhoneNumberFacts Read(string input, string what) =>
        PhoneNumberFacts.Read(input)
            ?? throw new InvalidOperationException($"{what} ({E164PhoneNumber.Mask(input)}) must be {E164PhoneNumber.Rule}. Nothing was sent.");

    private async Task<string> SecurityStampHashAsync(UserManager<TUser> manager, TUser user) =>
        await _hasher.HashAsync(
            manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user).ConfigureAwait(false) ?? string.Empty : string.Empty)
            .ConfigureAwait(false);

    // A ChangePhoneNumber purpose carries the full new number: only its name may reach a log line.
    private static string DescribePurpose(string purpose) =>
        purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal) ? "ChangePhoneNumber" : purpose;
}

// Identity resolves a provider by its type, so each channel needs a type of its own to be registered under its name.
// The constructors are public only for dependency injection: the classes themselves are internal.

/// <summary>The provider that sends codes by SMS, registered as <see cref="SignalWireDefaults.SmsProviderName"/>.</summary>
internal sealed class SignalWireSmsTokenProvider<TUser>(
    IServiceProvider services,
    PendingCodeStore pendingCodes,
    KeyedHasher hasher,
    SendBudget sendBudget,
    PumpingGuard guard,
    SignalWireTelemetry telemetry,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger,
    ISignalWireCultureSelector<TUser>? cultureSelector = null)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Sms, services, pendingCodes, hasher, sendBudget, guard, telemetry, time, options, logger, cultureSelector)
    where TUser : class;

/// <summary>The provider that sends codes by voice call, registered as <see cref="SignalWireDefaults.CallProviderName"/>.</summary>
internal sealed class SignalWireCallTokenProvider<TUser>(
    IServiceProvider services,
    PendingCodeStore pendingCodes,
    KeyedHasher hasher,
    SendBudget sendBudget,
    PumpingGuard guard,
    SignalWireTelemetry telemetry,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger,
    ISignalWireCultureSelector<TUser>? cultureSelector = null)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Call, services, pendingCodes, hasher, sendBudget, guard, telemetry, time, options, logger, cultureSelector)
    where TUser : class;
