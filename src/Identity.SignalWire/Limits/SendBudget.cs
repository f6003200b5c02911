using System.Globalization;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The send budgets, checked before any request reaches SignalWire: the calling-code allow-list, the resend
/// cooldown per user and purpose, and the counts per user and per number in their windows. Every code costs money,
/// and SMS pumping — bots making a site text premium numbers they own — is the first attack a phone 2FA page meets.
/// </summary>
internal sealed class SendBudget(IAtomicStore counters, KeyedHasher hasher, TimeProvider time, IOptions<SignalWireMfaOptions> options)
{
    private readonly SignalWireMfaOptions _options = options.Value;

    /// <summary>
    /// Counts one send for the user, purpose and number, or throws when a budget refuses it. Returns what
    /// <see cref="ReleaseCooldownAsync"/> needs should SignalWire then fail.
    /// </summary>
    /// <exception cref="SignalWireSendLimitException">A budget refuses the send.</exception>
    /// <param name="userId">The user asking for a code.</param>
    /// <param name="purpose">What the code is for.</param>
    /// <param name="destination">The E.164 number the code would go to.</param>
    /// <param name="destinationHash">The keyed hash of <paramref name="destination"/>, made once by the caller.</param>
    public async Task<SendCharge> ChargeAsync(string userId, string purpose, string destination, string destinationHash)
    {
        var callingCode = CallingCode.Of(destination);
        if (_options.AllowedCallingCodes.Count > 0 && !_options.AllowedCallingCodes.Contains(callingCode, StringComparer.Ordinal))
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.CallingCodeNotAllowed,
                $"Codes are not sent to numbers with calling code +{callingCode} ({E164PhoneNumber.Mask(destination)}): SignalWire:AllowedCallingCodes allows {string.Join(", ", _options.AllowedCallingCodes.Select(c => "+" + c))}.",
                retryAfter: null);
        }

        var prefix = _options.CacheKeyPrefix;
        string? cooldownKey = null;
        if (_options.ResendCooldown > TimeSpan.Zero)
        {
            cooldownKey = await CooldownKeyAsync(userId, purpose).ConfigureAwait(false);
            if (await counters.TryStartCooldownAsync(cooldownKey, _options.ResendCooldown).ConfigureAwait(false) is { } wait)
            {
                throw new SignalWireSendLimitException(
                    SignalWireSendLimit.ResendCooldown,
                    $"A code was sent for this purpose less than {Seconds(_options.ResendCooldown)} ago (SignalWire:ResendCooldown); a new one can be sent in {Seconds(wait)}.",
                    wait);
            }
        }

        var user = await counters.IncrementAsync(prefix + "user:" + await hasher.HashAsync(userId).ConfigureAwait(false), _options.UserSendWindow)
            .ConfigureAwait(false);
        if (user.Count > _options.MaxSendsPerUser)
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.UserBudget,
                $"This user has been sent {_options.MaxSendsPerUser} codes within {_options.UserSendWindow} (SignalWire:MaxSendsPerUser); the next can be sent in {Seconds(user.WindowLeft)}.",
                user.WindowLeft);
        }

        var number = await counters.IncrementAsync(prefix + "number:" + destinationHash, _options.NumberSendWindow)
            .ConfigureAwait(false);
        if (number.Count > _options.MaxSendsPerNumber)
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.NumberBudget,
                $"The number {E164PhoneNumber.Mask(destination)} has been sent {_options.MaxSendsPerNumber} codes within {_options.NumberSendWindow} (SignalWire:MaxSendsPerNumber); the next can be sent in {Seconds(number.WindowLeft)}.",
                number.WindowLeft);
        }

        return new SendCharge(cooldownKey);
    }

    /// <summary>
    /// Ends the cooldown a charge started, when SignalWire failed to take the send: the user was told to try again in a
    /// moment and must not then be told to wait. The counts stay: they bound what a site can be made to try.
    /// </summary>
    public Task ReleaseCooldownAsync(SendCharge charge) =>
        charge.CooldownKey is null ? Task.CompletedTask : counters.EndCooldownAsync(charge.CooldownKey);

    /// <summary>When the resend cooldown of this user and purpose ends; <see langword="null"/> when a code may be sent now.</summary>
    public async Task<DateTimeOffset?> NextSendAtAsync(string userId, string purpose)
    {
        if (_options.ResendCooldown <= TimeSpan.Zero)
        {
            return null;
        }

        var left = await counters.CooldownLeftAsync(await CooldownKeyAsync(userId, purpose).ConfigureAwait(false)).ConfigureAwait(false);
        return left is { } wait ? time.GetUtcNow() + wait : null;
    }

    private async Task<string> CooldownKeyAsync(string userId, string purpose) =>
        _options.CacheKeyPrefix + "cooldown:" + await hasher.HashAsync(userId, purpose).ConfigureAwait(false);

    private static string Seconds(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds))} s");
}

/// <summary>What one charge of the send budgets started.</summary>
/// <param name="CooldownKey">The key of the cooldown it started; <see langword="null"/> when there is no cooldown.</param>
internal sealed record SendCharge(string? CooldownKey);
