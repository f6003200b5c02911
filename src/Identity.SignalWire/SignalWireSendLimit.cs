namespace Identity.SignalWire;

/// <summary>Which rule or budget refused a code request.</summary>
public enum SignalWireSendLimit
{
    /// <summary>A code was sent to this user for this purpose too recently (<see cref="SignalWireMfaOptions.ResendCooldown"/>).</summary>
    ResendCooldown,

    /// <summary>This user had too many sign-in codes in the window (<see cref="SignalWireSendBudgetOptions.MaxSendsPerUser"/>).</summary>
    UserBudget,

    /// <summary>This number got too many sign-in codes in the window, whoever asked (<see cref="SignalWireSendBudgetOptions.MaxSendsPerNumber"/>).</summary>
    NumberBudget,

    /// <summary>
    /// This user had too many codes to numbers not yet confirmed in the window
    /// (<see cref="SignalWireSendBudgetOptions.MaxConfirmationSendsPerUser"/>).
    /// </summary>
    ConfirmationUserBudget,

    /// <summary>
    /// This number got too many confirmation codes in the window, whoever asked
    /// (<see cref="SignalWireSendBudgetOptions.MaxConfirmationSendsPerNumber"/>).
    /// </summary>
    ConfirmationNumberBudget,

    /// <summary>The number cannot exist: libphonenumber's metadata says it is not valid.</summary>
    InvalidNumber,

    /// <summary>The number's region is not in <see cref="SignalWireMfaOptions.AllowedRegions"/>.</summary>
    RegionNotAllowed,

    /// <summary>The kind of number is in <see cref="SignalWireMfaOptions.RefusedNumberTypes"/> (premium rate, shared cost, …).</summary>
    NumberTypeNotAllowed,

    /// <summary>
    /// The pumping guard stopped confirmation codes to the number's range or region (too few of the codes sent there
    /// were verified, <see cref="SignalWireMfaOptions.PumpingGuard"/>): ask the user for a human check (a CAPTCHA, or
    /// another trust signal of the application's), clear the user with <see cref="SignalWireChallenges{TUser}.ClearAsync"/>
    /// and send again. Not "no code right now": a cleared user's next confirmation code goes out. Sign-in codes to
    /// confirmed numbers are never refused by the guard.
    /// </summary>
    ChallengeRequired,

    /// <summary>The whole site sent <see cref="SignalWireSendBudgetOptions.MaxSiteSendsPerHour"/> sign-in codes within the hour.</summary>
    SiteHourlyCap,

    /// <summary>
    /// The whole site sent <see cref="SignalWireSendBudgetOptions.MaxSiteConfirmationSendsPerHour"/> confirmation codes
    /// within the hour. Sign-in codes still go out.
    /// </summary>
    SiteConfirmationHourlyCap,
}
