using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Identity.SignalWire;

/// <summary>
/// The send budgets (<c>SignalWire:Budgets</c>): how many codes one user, one number and the whole site may be sent in a
/// window. Sign-in codes (to a user's confirmed number) and confirmation codes (to a number being confirmed) are counted
/// apart, so that strangers "confirming" someone's number cannot use up that person's sign-in codes.
/// </summary>
public sealed class SignalWireSendBudgetOptions
{
    /// <summary>
    /// Gets or sets how many codes one user can be sent in <see cref="UserSendWindow"/>, from 1 to 1,000.
    /// Answers one account being used to text many times. Defaults to 5.
    /// </summary>
    [Range(1, 1000)]
    public int MaxSendsPerUser { get; set; } = 5;

    /// <summary>Gets or sets the window of <see cref="MaxSendsPerUser"/>, from 1 minute to 7 days. Defaults to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan UserSendWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how many codes one number can be sent in <see cref="NumberSendWindow"/>, whichever accounts ask,
    /// from 1 to 1,000. Answers SMS pumping: bots that make a site text premium numbers they own from many accounts.
    /// Defaults to 10.
    /// </summary>
    [Range(1, 1000)]
    public int MaxSendsPerNumber { get; set; } = 10;

    /// <summary>Gets or sets the window of <see cref="MaxSendsPerNumber"/>, from 1 minute to 7 days. Defaults to 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan NumberSendWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets how many codes one user can be sent in <see cref="ConfirmationSendWindow"/> to numbers that are
    /// not the user's confirmed number (confirming a new number), from 1 to 1,000. Answers throw-away accounts
    /// naming numbers to "confirm". Counted apart from <see cref="MaxSendsPerUser"/>. Defaults to 5.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConfirmationSendsPerUser { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many confirmation codes one number can be sent in <see cref="ConfirmationSendWindow"/>,
    /// whichever accounts ask, from 1 to 1,000. Counted apart from <see cref="MaxSendsPerNumber"/>, so that strangers
    /// "confirming" someone's number cannot use up that person's sign-in codes. Defaults to 3.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConfirmationSendsPerNumber { get; set; } = 3;

    /// <summary>
    /// Gets or sets the window of <see cref="MaxConfirmationSendsPerUser"/> and <see cref="MaxConfirmationSendsPerNumber"/>,
    /// from 1 minute to 7 days. Defaults to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ConfirmationSendWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets how many sign-in codes (to users' confirmed numbers, step-up codes included) the whole site, every
    /// instance together, can send in one hour, from 1 to 10,000,000: a kill switch that bounds what any attack on
    /// sign-in can cost. Confirmation codes never count here, so bots confirming numbers cannot lock users out of their
    /// accounts. Defaults to 10,000; set it to a few times the busiest hour the site has seen.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxSiteSendsPerHour { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how many confirmation codes (to numbers being confirmed, which anyone with an account can name) the
    /// whole site can send in one hour, from 1 to 10,000,000: what throw-away accounts can cost at most, apart from
    /// <see cref="MaxSiteSendsPerHour"/>, which they cannot fill. Defaults to 1,000; set it to a few times the most
    /// numbers the site has seen confirmed in an hour.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxSiteConfirmationSendsPerHour { get; set; } = 1_000;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{{ MaxSendsPerUser = {MaxSendsPerUser} per {UserSendWindow}, MaxSendsPerNumber = {MaxSendsPerNumber} per {NumberSendWindow}, MaxConfirmationSendsPerUser = {MaxConfirmationSendsPerUser}, MaxConfirmationSendsPerNumber = {MaxConfirmationSendsPerNumber} per {ConfirmationSendWindow}, MaxSiteSendsPerHour = {MaxSiteSendsPerHour}, MaxSiteConfirmationSendsPerHour = {MaxSiteConfirmationSendsPerHour} }}");
}
