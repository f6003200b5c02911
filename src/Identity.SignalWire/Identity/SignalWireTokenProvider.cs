using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;
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
    private readonly PendingCodeStore _store;
    private readonly SignalWireMfaOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a provider that sends codes through <paramref name="channel"/>.</summary>
    /// <param name="channel">SMS or voice call.</param>
    /// <param name="client">The SignalWire MFA client.</param>
    /// <param name="cache">Where pending request IDs are kept; Redis when several instances serve the site.</param>
    /// <param name="options">The SignalWire settings.</param>
    /// <param name="logger">Where to log; numbers are masked and codes never logged.</param>
    public SignalWireTokenProvider(
        SignalWireMfaChannel channel,
        ISignalWireMfaClient client,
        IDistributedCache cache,
        IOptions<SignalWireMfaOptions> options,
        ILogger<SignalWireTokenProvider<TUser>> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel must be Sms or Call.");
        }

        Channel = channel;
        _client = client;
        _store = new PendingCodeStore(cache, options);
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the channel this provider sends codes through.</summary>
    public SignalWireMfaChannel Channel { get; }

    private string ProviderName => Channel == SignalWireMfaChannel.Sms ? SignalWireDefaults.SmsProviderName : SignalWireDefaults.CallProviderName;

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
    /// replaces the pending one: only the latest code for a user and purpose can succeed.
    /// </summary>
    /// <returns><see cref="string.Empty"/>: SignalWire delivers the code; do not send the return value anywhere.</returns>
    /// <exception cref="InvalidOperationException">The destination is missing, not E.164, or not confirmed.</exception>
    /// <exception cref="SignalWireMfaException">SignalWire refused the request or could not be reached.</exception>
    /// <inheritdoc />
    public virtual async Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);

        var destination = await ResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        var key = _store.KeyFor(ProviderName, purpose, await manager.GetUserIdAsync(user).ConfigureAwait(false));
        var stampHash = await SecurityStampHashAsync(manager, user).ConfigureAwait(false);

        var request = new SignalWireMfaCodeRequest
        {
            To = destination,
            From = _options.From,
            Message = Channel == SignalWireMfaChannel.Sms ? _options.SmsMessage : _options.CallMessage,
            TokenLength = _options.TokenLength,
            ValidFor = _options.ValidFor,
            MaxAttempts = _options.MaxAttempts,
            AllowAlphas = _options.AllowAlphas,
        };

        var sent = await _client.RequestCodeAsync(Channel, request).ConfigureAwait(false);
        await _store.SaveAsync(key, new PendingCode(sent.RequestId, PendingCodeStore.Hash(destination), stampHash), _options.ValidFor)
            .ConfigureAwait(false);

        Log.CodeSent(_logger, Channel, DescribePurpose(purpose), E164PhoneNumber.Mask(destination));
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
            Log.Rejected(_logger, Channel, purposeName, "the input is not a code of the configured length and alphabet");
            return false;
        }

        var key = _store.KeyFor(ProviderName, purpose, await manager.GetUserIdAsync(user).ConfigureAwait(false));
        var pending = await _store.FindAsync(key).ConfigureAwait(false);
        if (pending is null)
        {
            Log.Rejected(_logger, Channel, purposeName, "no code is pending");
            return false;
        }

        if (!await IsStillBoundAsync(pending, purpose, manager, user).ConfigureAwait(false))
        {
            await _store.RemoveAsync(key).ConfigureAwait(false);
            Log.Rejected(_logger, Channel, purposeName, "the security stamp or the phone number changed since the code was sent");
            return false;
        }

        var result = await _client.VerifyAsync(pending.RequestId, code).ConfigureAwait(false);
        if (result != SignalWireMfaVerifyResult.Invalid)
        {
            // Valid: one use only. NotFound: expired, used up or already used, so the entry is of no further use.
            await _store.RemoveAsync(key).ConfigureAwait(false);
        }

        Log.Checked(_logger, Channel, purposeName, result);
        return result == SignalWireMfaVerifyResult.Valid;
    }

    private async Task<bool> IsStillBoundAsync(PendingCode pending, string purpose, UserManager<TUser> manager, TUser user)
    {
        if (!string.Equals(pending.SecurityStampHash, await SecurityStampHashAsync(manager, user).ConfigureAwait(false), StringComparison.Ordinal))
        {
            return false;
        }

        var destination = await TryResolveDestinationAsync(purpose, manager, user).ConfigureAwait(false);
        return destination is not null && string.Equals(pending.DestinationHash, PendingCodeStore.Hash(destination), StringComparison.Ordinal);
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

    private static async Task<string> SecurityStampHashAsync(UserManager<TUser> manager, TUser user) =>
        PendingCodeStore.Hash(manager.SupportsUserSecurityStamp ? await manager.GetSecurityStampAsync(user).ConfigureAwait(false) : string.Empty);

    // A ChangePhoneNumber purpose carries the full new number: only its name may reach a log line.
    private static string DescribePurpose(string purpose) =>
        purpose.StartsWith(ChangePhoneNumberPurposePrefix, StringComparison.Ordinal) ? "ChangePhoneNumber" : purpose;
}
