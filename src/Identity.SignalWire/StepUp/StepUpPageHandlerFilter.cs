using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Identity.SignalWire;

/// <summary>
/// Honours <see cref="RequireStepUpAttribute"/> on a Razor Page handler method (<c>OnPostNewRecoveryCodesAsync</c>),
/// which Razor Pages' own authorization does not read: the handler runs only when step-up is satisfied.
/// </summary>
internal sealed class StepUpPageHandlerFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod?.MethodInfo.GetCustomAttribute<RequireStepUpAttribute>() is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var httpContext = context.HttpContext;
        if (httpContext.User.Identity?.IsAuthenticated != true)
        {
            context.Result = new ChallengeResult();
            return;
        }

        var result = await authorization.AuthorizeAsync(httpContext.User, httpContext, SignalWireDefaults.StepUpPolicy).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            context.Result = new StepUpChallengeResult();
            return;
        }

        await next().ConfigureAwait(false);
    }

    private sealed class StepUpChallengeResult : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => StepUpChallenge.WriteAsync(context.HttpContext);
    }
}
