namespace Identity.SignalWire;

/// <summary>
/// The sentences a user can be shown for a refusal or an outage. Several kinds and limits share one: the user needs to
/// know what to do next, not which budget or which part of the site refused.
/// </summary>
/// <remarks>
/// The names are part of the public contract: <see cref="SignalWireMfaException.GetUserMessage"/> asks the application's
/// localizer for <c>SignalWire.</c> followed by the name, so renaming a member silently drops an application's override.
/// </remarks>
internal enum UserMessageKey
{
    /// <summary>The site could not send a code and cannot say more (wrong credentials, a rejected request, a site-wide cap).</summary>
    NotSent,

    /// <summary>SignalWire or the cache is down or busy: codes can be neither sent nor checked for a moment.</summary>
    Unavailable,

    /// <summary>A code went out moments ago; the wait until the next one is given.</summary>
    ResendCooldown,

    /// <summary>This user asked for too many codes.</summary>
    TooManyCodes,

    /// <summary>This number received too many codes, whoever asked.</summary>
    NumberBusy,

    /// <summary>The number cannot exist.</summary>
    InvalidNumber,

    /// <summary>The site does not send to the number's country.</summary>
    RegionNotAllowed,

    /// <summary>The site does not send to this kind of number (premium rate, shared cost, …).</summary>
    NumberTypeNotAllowed,

    /// <summary>Codes to numbers not yet confirmed are paused (the pumping guard or the site's hourly cap for them).</summary>
    NewNumbersPaused,

    /// <summary>The application must ask the user for a human check before a code goes out.</summary>
    ChallengeRequired,
}
