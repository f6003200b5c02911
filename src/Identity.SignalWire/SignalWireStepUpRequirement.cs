using Microsoft.AspNetCore.Authorization;

namespace Identity.SignalWire;

/// <summary>
/// The authorization requirement behind <see cref="SignalWireDefaults.StepUpPolicy"/>: the signed-in user has nothing to
/// prove, or this session proved the second factor again recently (see <see cref="SignalWireStepUp{TUser}"/>). Add it to
/// a policy of the application's own to combine step-up with other requirements.
/// </summary>
public sealed class SignalWireStepUpRequirement : IAuthorizationRequirement;
