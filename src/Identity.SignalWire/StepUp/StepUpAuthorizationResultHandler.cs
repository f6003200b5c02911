using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire;

/// <summary>
/// Answers a request that the authorization middleware refused for want of step-up alone with
/// <see cref="StepUpChallenge"/>, rather than with the cookie's "access denied" page; every other answer is the one the
/// application had (signed-out users still go to the login page).
/// </summary>
internal sealed class StepUpAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any()
            && failure.FailedRequirements.All(requirement => requirement is SignalWireStepUpRequirement))
        {
            return StepUpChallenge.WriteAsync(context);
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
