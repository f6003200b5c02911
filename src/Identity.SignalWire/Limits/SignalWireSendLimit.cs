namespace Identity.SignalWire;

/// <summary>Which send budget refused a code request.</summary>
public enum SignalWireSendLimit
{
    /// <summary>A code was sent to this user for this purpose too recently (<see cref="SignalWireMfaOptions.ResendCooldown"/>).</summary>
    ResendCooldown,

    /// <summary>This user had too many codes in the window (<see cref="SignalWireMfaOptions.MaxSendsPerUser"/>).</summary>
    UserBudget,

    /// <summary>This number got too many codes in the window, whoever asked (<see cref="SignalWireMfaOptions.MaxSendsPerNumber"/>).</summary>
    NumberBudget,

    /// <summary>The number's country calling code is not in <see cref="SignalWireMfaOptions.AllowedCallingCodes"/>.</summary>
    CallingCodeNotAllowed,
}
