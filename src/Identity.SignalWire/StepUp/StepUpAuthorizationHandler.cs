using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// Decides <see cref="SignalWireStepUpRequirement"/> for the request being served. Fails closed: no request (an
/// interactive Blazor circuit has none), no user, or a user the store no longer has is "not proved".
/// </summary>
internal sealed class StepUpAuthorizationHandler<TUser>(IHttpContextAccessor httpContextAccessor)
    : AuthorizationHandler<SignalWireStepUpRequirement>
    where TUser : class
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SignalWireStepUpRequirement requirement)
    {
        // Endpoint authorization passes the request; Blazor's route view passes its route data instead.
        var httpContext = context.Resource as HttpContext ?? httpContextAccessor.HttpContext;
        if (httpContext is null || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var services = httpContext.RequestServices;

        // A bearer client's proof is in the token it sent (MapSignalWireIdentityApi's step-up puts it there), not in a cookie.
        await IdentityApiSession.UseRequestSchemeAsync(httpContext, services.GetRequiredService<SignInManager<TUser>>()).ConfigureAwait(false);
        var user = await services.GetRequiredService<UserManager<TUser>>().GetUserAsync(context.User).ConfigureAwait(false);
        if (user is not null && await services.GetRequiredService<SignalWireStepUp<TUser>>().IsSatisfiedAsync(httpContext, user).ConfigureAwait(false))
        {
            context.Succeed(requirement);
        }
    }
}
