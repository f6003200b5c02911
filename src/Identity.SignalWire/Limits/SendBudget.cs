using System.Globalization;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Everything checked before a code request reaches SignalWire: where the code may go (<see cref="DestinationPolicy"/>),
/// then, in one atomic step of the store (one round trip on Redis), the resend cooldown per user and purpose, the
/// counts per user and per number (sign-in codes to confirmed numbers and confirmation codes to other numbers apart),
/// the pumping guard's range and region tiers and the site's hourly cap. Every code costs money, and SMS pumping —
/// bots making a site text numbers whose revenue they share — is the first attack a phone 2FA page meets.
/// </summary>
/// <remarks>
/// All or nothing: a send that any budget refuses charges none of them, so that a refusal by one budget (a stranger's
/// confirmations having used up a number, the site's cap) never spends a legitimate user's other budgets.
/// </remarks>
internal sealed class SendBudget(
    IAtomicStore store,
    KeyedHasher hasher,
    BudgetKeys keys,
    DestinationPolicy policy,
    PumpingGuard guard,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly SignalWireMfaOptions _options = options.Value;

    /// <summary>
    /// Counts one send for the user, purpose and number, or throws when a rule or budget refuses it. Returns what
    /// <see cref="ReleaseCooldownAsync"/> needs should SignalWire then fail.
    /// </summary>
    /// <exception cref="SignalWireSendLimitException">A rule or budget refuses the send; nothing was charged.</exception>
    /// <param name="userId">The user asking for a code.</param>
    /// <param name="userPurposeHash">The keyed hash of the user and what the code is for, which names the cooldown.</param>
    /// <param name="destination">The number the code would go to.</param>
    /// <param name="destinationHash">The keyed hash of the number, made once by the caller.</param>
    /// <param name="toConfirmedNumber">
    /// Whether the number is the user's confirmed number (a sign-in code); otherwise the code confirms a new number.
    /// </param>
    public async Task<ChargedSend> ChargeAsync(
        string userId, string userPurposeHash, PhoneNumberFacts destination, string destinationHash, bool toConfirmedNumber)
    {
        policy.Check(destination);

        var userHash = await hasher.HashAsync(userId).ConfigureAwait(false);
        var cooldown = _options.ResendCooldown > TimeSpan.Zero
            ? new CooldownCharge(keys.Cooldown(userPurposeHash), _options.ResendCooldown)
            : null;
        CounterCharge[] counters = toConfirmedNumber
            ?
            [
                new(keys.User(userHash), _options.Budgets.MaxSendsPerUser, _options.Budgets.UserSendWindow, SignalWireSendLimit.UserBudget),
                new(keys.Number(destinationHash), _options.Budgets.MaxSendsPerNumber, _options.Budgets.NumberSendWindow, SignalWireSendLimit.NumberBudget),
                new(keys.Site, _options.Budgets.MaxSiteSendsPerHour, Hour, SignalWireSendLimit.SiteHourlyCap),
            ]
            :
            [
                new(keys.ConfirmationUser(userHash), _options.Budgets.MaxConfirmationSendsPerUser, _options.Budgets.ConfirmationSendWindow, SignalWireSendLimit.ConfirmationUserBudget),
                new(keys.ConfirmationNumber(destinationHash), _options.Budgets.MaxConfirmationSendsPerNumber, _options.Budgets.ConfirmationSendWindow, SignalWireSendLimit.ConfirmationNumberBudget),
                // A cap of their own: confirmations, which throw-away accounts can ask for, never fill the sign-in cap.
                new(keys.ConfirmationSite, _options.Budgets.MaxSiteConfirmationSendsPerHour, Hour, SignalWireSendLimit.SiteConfirmationHourlyCap),
            ];

        var scope = GuardScope.Of(destination);
        var outcome = await store.ChargeAsync(new SendCharge(cooldown, counters, guard.ChargeFor(scope, enforced: !toConfirmedNumber, userHash)))
            .ConfigureAwait(false);
        guard.Report(scope, outcome);

        if (outcome.RefusedBy is { } limit)
        {
            var message = limit == SignalWireSendLimit.ChallengeRequired ? guard.ExplainChallenge(scope, outcome) : Explain(limit, destination, outcome.Wait);
            throw new SignalWireSendLimitException(limit, message, outcome.Wait);
        }

        return new ChargedSend(cooldown?.Key);
    }

    /// <summary>
    /// Ends the cooldown a charge started, when SignalWire failed to take the send: the user was told to try again in a
    /// moment and must not then be told to wait. The counts stay: they bound what a site can be made to try.
    /// </summary>
    public Task ReleaseCooldownAsync(ChargedSend charge) =>
        charge.CooldownKey is null ? Task.CompletedTask : store.EndCooldownAsync(charge.CooldownKey);

    /// <summary>When the resend cooldown of this user and purpose ends; <see langword="null"/> when a code may be sent now.</summary>
    /// <param name="userPurposeHash">The keyed hash of the user and the purpose.</param>
    public async Task<DateTimeOffset?> NextSendAtAsync(string userPurposeHash)
    {
        if (_options.ResendCooldown <= TimeSpan.Zero)
        {
            return null;
        }

        var left = await store.CooldownLeftAsync(keys.Cooldown(userPurposeHash)).ConfigureAwait(false);
        return left is { } wait ? time.GetUtcNow() + wait : null;
    }

    private string Explain(SignalWireSendLimit limit, PhoneNumberFacts destination, TimeSpan wait)
    {
        var masked = E164PhoneNumber.Mask(destination.E164);
        var next = Seconds(wait);
        return limit switch
        {
            SignalWireSendLimit.ResendCooldown =>
                $"A code was sent for this purpose less than {Seconds(_options.ResendCooldown)} ago (SignalWire:ResendCooldown); a new one can be sent in {next}.",
            SignalWireSendLimit.UserBudget =>
                $"This user has been sent {_options.Budgets.MaxSendsPerUser} codes within {_options.Budgets.UserSendWindow} (SignalWire:Budgets:MaxSendsPerUser); the next can be sent in {next}.",
            SignalWireSendLimit.NumberBudget =>
                $"The number {masked} has been sent {_options.Budgets.MaxSendsPerNumber} codes within {_options.Budgets.NumberSendWindow} (SignalWire:Budgets:MaxSendsPerNumber); the next can be sent in {next}.",
            SignalWireSendLimit.ConfirmationUserBudget =>
                $"This user has been sent {_options.Budgets.MaxConfirmationSendsPerUser} codes to confirm numbers within {_options.Budgets.ConfirmationSendWindow} (SignalWire:Budgets:MaxConfirmationSendsPerUser); the next can be sent in {next}.",
            SignalWireSendLimit.ConfirmationNumberBudget =>
                $"The number {masked} has been sent {_options.Budgets.MaxConfirmationSendsPerNumber} confirmation codes within {_options.Budgets.ConfirmationSendWindow} (SignalWire:Budgets:MaxConfirmationSendsPerNumber); the next can be sent in {next}.",
            SignalWireSendLimit.SiteConfirmationHourlyCap =>
                $"The site has sent {_options.Budgets.MaxSiteConfirmationSendsPerHour} confirmation codes within the hour (SignalWire:Budgets:MaxSiteConfirmationSendsPerHour); the next can be sent in {next}. Sign-in codes still go out.",
            _ =>
                $"The site has sent {_options.Budgets.MaxSiteSendsPerHour} sign-in codes within the hour (SignalWire:Budgets:MaxSiteSendsPerHour); the next can be sent in {next}.",
        };
    }

    private static string Seconds(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds))} s");
}

/// <summary>What one charge of the send budgets started.</summary>
/// <param name="CooldownKey">The key of the cooldown it started; <see langword="null"/> when there is no cooldown.</param>
internal sealed record ChargedSend(string? CooldownKey);
