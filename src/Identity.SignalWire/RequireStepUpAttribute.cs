using Microsoft.AspNetCore.Authorization;

namespace Identity.SignalWire;

/// <summary>
/// Requires step-up (<see cref="SignalWireStepUpRequirement"/>) before a Razor Page, a Razor Page handler method, an
/// MVC controller or action, or a routable Razor component runs. A browser without a fresh proof is sent to
/// <see cref="SignalWireStepUpOptions.StepUpPath"/> and comes back afterwards; a signed-out one goes to the login page.
/// </summary>
/// <remarks>
/// It carries its requirement as authorization metadata (<see cref="IAuthorizationRequirementData"/>), so that the
/// authorization middleware enforces it on pages, actions and components as it does <c>[Authorize]</c>. Razor Pages
/// read no authorization on handler methods; for those, <c>AddSignalWireStepUp()</c> adds a page filter that reads this
/// attribute on the handler that was selected.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequireStepUpAttribute : Attribute, IAuthorizationRequirementData
{
    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [new SignalWireStepUpRequirement()];
}
