using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// An Identity two-factor token provider whose codes SignalWire sends (by SMS or voice call) and checks. The code
/// never passes through the application: the request ID SignalWire returns is kept in the distributed cache, keyed
/// by provider, purpose and user, and the code the user types is checked by SignalWire's verify endpoint.
/// </summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <remarks>
/// <para>
/// <see cref="GenerateAsync"/> returns <see cref="string.Empty"/>: SignalWire delivers the code. Do not send the
/// return value anywhere.
/// </para>
/// <para>
/// Failure contract: <see cref="ValidateAsync"/> returns <see langword="false"/> only when the code is wrong, expired,
/// used up or unknown. When SignalWire is unavailable, rate limited or refuses the credentials it throws
/// <see cref="SignalWireMfaException"/>, so that <c>SignInManager.TwoFactorSignInAsync</c> does not count an outage
/// toward the user's lockout.
/// </para>
/// </remarks>
public partial class SignalWireTokenProvider<TUser> : IUserTwoFactorTokenProvider<TUser>
    where TUser : class
{
    private const string ChangePhoneNumberPurposePrefix = "ChangePhoneNumber:";

    private readonly ISignalWireMfaClient _client;
    private readonly PendingCodeStore _pendingCodes;
    private readonly SendBudget _sendBudget;
    private readonly SignalWireTelemetry _telemetry;
    private readonly SignalWireMfaOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a provider that sends codes through <paramref name="channel"/>.</summary>
    /// <param name="channel">SMS or voice call.</param>
    /// <param name="client">The SignalWire MFA client.</param>
    /// <param name="services">The pending codes, send budgets and telemetry the providers share.</param>
    /// <param name="options">The SignalWire settings.</param>
    /// <param name="logger">Where to log; numbers are masked and codes never logged.</param>
    public SignalWireTokenProvider(
        SignalWireMfaChannel channel,
        ISignalWireMfaClient client,
        SignalWireTokenProviderServices services,
        IOptions<SignalWireMfaOptions> options,
        ILogger<SignalWireTokenProvider<TUser>> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel must be Sms or Call.");
        }

        Channel = channel;
        _client = client;
        _pendingCodes = services.PendingCodes;
        _sendBudget = services.SendBudget;
        _telemetry = services.Telemetry;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the channel this provider sends codes through.</summary>
    public SignalWireMfaChannel Channel { get; }

    private string ProviderName => Channel == SignalWireMfaChannel.Sms ? SignalWireDefaults.SmsProviderName : SignalWireDefaults.CallProviderName;

    private string ChannelTag => SignalWireTelemetry.ChannelTag(Channel);

    /// <summary>
    /// Whether this user can get codes this way: the user has a phone number in E.164 form and, when
    /// <see cref="SignalWireMfaOptions.RequireConfirmedPhoneNumber"/> is set, it is confirmed.
    /// </summary>
    /// <inheritdoc />
    public virtual async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user)
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
    /// replaces the pending one: only the latest code for a user and purpose can succeed. The send budgets are
    /// checked first; a refusal reaches no one.
    /// </summary>
    /// <returns><see cref="string.Empty"/>: SignalWire delivers the code; do not send the return value anywhere.</returns>
    /// <exception cref="InvalidOperationException">The destination is missing, not E.164, or not confirmed.</exception>
    /// <exception cref="SignalWireSendLimitException">A send budget refused the code; nothing was sent.</exception>
    /// <exception cref="SignalWireMfaException">SignalWire refused the request or could not be reached.</exception>
    /// <inheritdoc />
    public virtual async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        var destination = await ResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        var userId = await manager.GetUserIdAsync(user).ConfigureAwait(false);
        var callingCode = CallingCode.Of(destination);
        try
        {
            var hasher = _pendingCodes.Hasher;
            var destinationHash = await hasher.HashAsync(destination).ConfigureAwait(false);
            var charge = await _sendBudget.ChargeAsync(userId, purpose, destination, destinationHash).ConfigureAwait(false);

            SignalWireMfaCodeResult sent;
            try
            {
                sent = await _client.RequestCodeAsync(Channel, new SignalWireMfaCodeRequest
                {
                    To = destination,
                    From = _options.From,
                    Message = Channel == SignalWireMfaChannel.Sms ? _options.SmsMessage : _options.CallMessage,
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

            var pending = new PendingCode(
                sent.RequestId,
                destinationHash,
                await SecurityStampHashAsync(manager, user).ConfigureAwait(false));
            var key = await _pendingCodes.KeyForAsync(ProviderName, purpose, userId).ConfigureAwait(false);
            await _pendingCodes.SaveAsync(key, pending, _options.ValidFor).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            RecordRequested(SignalWireTelemetry.OutcomeOf(exception), callingCode);
            if (exception is SignalWireSendLimitException limit)
            {
                Log.SendRefused(_logger, Channel, DescribePurpose(purpose), E164PhoneNumber.Mask(destination), limit.Limit);
            }

            throw;
        }

        RecordRequested("sent", callingCode);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            Log.CodeSent(_logger, Channel, DescribePurpose(purpose), E164PhoneNumber.Mask(destination));
        }

        return string.Empty;
    }

    /// <summary>
    /// Checks the code the user typed with SignalWire. <see langword="false"/> when the code is malformed (no attempt
    /// is spent), wrong, expired, used up, or when no code is pending; a pending code is also refused once the
    /// user's security stamp or phone number has changed since it was sent.
    /// </summary>
    /// <exception cref="SignalWireMfaException">
    /// SignalWire is unavailable, rate limited or refused the credentials: the answer is unknown, so neither
    /// <see langword="true"/> nor <see langword="false"/> is returned.
    /// </exception>
    /// <inheritdoc />
    public virtual async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        var purposeName = DescribePurpose(purpose);
        var code = TwoFactorCode.Normalize(token, _options.TokenLength, _options.AllowAlphas);
        if (code is null)
        {
            return Refuse(purposeName, "invalid", "the input is not a code of the configured length and alphabet");
        }

        var key = await _pendingCodes.KeyForAsync(ProviderName, purpose, await manager.GetUserIdAsync(user).ConfigureAwait(false))
            .ConfigureAwait(false);
        var pending = await _pendingCodes.FindAsync(key).ConfigureAwait(false);
        if (pending is null)
        {
            return Refuse(purposeName, "expired", "no code is pending");
        }

        if (!await IsStillBoundAsync(pending, purpose, manager, user).ConfigureAwait(false))
        {
            await _pendingCodes.RemoveAsync(key).ConfigureAwait(false);
            return Refuse(purposeName, "invalid", "the security stamp or the phone number changed since the code was sent");
        }

        SignalWireMfaVerifyResult result;
        try
        {
            result = await _client.VerifyAsync(pending.RequestId, code).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            RecordVerified(exception.Kind == SignalWireMfaErrorKind.RateLimited ? "throttled" : "unavailable");
            throw;
        }

        if (result != SignalWireMfaVerifyResult.Invalid)
        {
            // Valid: one use only. NotFound: expired, used up or already used, so the entry is of no further use.
            await _pendingCodes.RemoveAsync(key).ConfigureAwait(false);
        }

        RecordVerified(result switch
        {
            SignalWireMfaVerifyResult.Valid => "valid",
            SignalWireMfaVerifyResult.Invalid => "invalid",
            _ => "expired",
        });
        Log.Checked(_logger, Channel, purposeName, result);
        return result == SignalWireMfaVerifyResult.Valid;
    }

    private bool Refuse(string purposeName, string outcome, string reason)
    {
        RecordVerified(outcome);
        Log.Rejected(_logger, Channel, purposeName, reason);
        return false;
    }

    private void RecordRequested(string outcome, string callingCode) =>
        _telemetry.CodesRequested.Add(1, new("channel", ChannelTag), new("outcome", outcome), new("calling_code", callingCode));

    private void RecordVerified(string outcome) =>
        _telemetry.CodesVerified.Add(1, new("channel", ChannelTag), new("outcome", outcome));

    private async Task<bool> IsStillBoundAsync(PendingCode pending, string purpose, UserManager<TUser> manager, TUser user)
    {
        if (!string.Equals(pending.SecurityStampHash, await SecurityStampHashAsync(manager, user).ConfigureAwait(false), StringComparison.Ordinal))
        {
            return false;
        }

        var destination = await TryResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        return destination is not null
            && string.Equals(pending.DestinationHash, await _pendingCodes.Hasher.HashAsync(destination).ConfigureAwait(false), StringComparison.Ordinal);
    }

    private async Task<string> ResolveDestinationAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        if (purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal))
        {
            // Confirming a new number: the code must go to that number, not to the one stored today.
            return Normalize(purpose[ChangePhoneNumberPurposePrefix.Length..], "The number to confirm");
        }

        var stored = await manager.GetPhoneNumberAsync(user).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(stored))
        {
            throw new InvalidOperationException(
                $"The user has no phone number, so no {Channel} code can be sent. Check CanGenerateTwoFactorTokenAsync before asking for a code.");
        }

        var number = Normalize(stored, "The user's phone number");
        if (_options.RequireConfirmedPhoneNumber && !await manager.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"The user's phone number {E164PhoneNumber.Mask(number)} is not confirmed, and SignalWire:RequireConfirmedPhoneNumber is true. Confirm it first (GenerateChangePhoneNumberTokenAsync, then ChangePhoneNumberAsync).");
        }

        return number;
    }

    private async Task<string?> TryResolveDestinationAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        if (purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal))
        {
            return E164PhoneNumber.TryNormalize(purpose[ChangePhoneNumberPurposePrefix.Length..], out var target) ? target : null;
        }

        return E164PhoneNumber.TryNormalize(await manager.GetPhoneNumberAsync(user).ConfigureAwait(false), out var stored) ? stored : null;
    }

    private static string Normalize(string input, string what) =>
        E164PhoneNumber.TryNormalize(input, out var number)
            ? number
            : throw new InvalidOperationException($"{what} ({E164PhoneNumber.Mask(input)}) must be {E164PhoneNumber.Rule}. Nothing was sent.");

    private async Task<string> SecurityStampHashAsync(UserManager<TUser> manager, TUser user) =>
        await _pendingCodes.Hasher.HashAsync(
            manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user).ConfigureAwait(false) ?? string.Empty : string.Empty)
            .ConfigureAwait(false);

    // A ChangePhoneNumber purpose carries the full new number: only its name may reach a log line.
    private static string DescribePurpose(string purpose) =>
        purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal) ? "ChangePhoneNumber" : purpose;
}
