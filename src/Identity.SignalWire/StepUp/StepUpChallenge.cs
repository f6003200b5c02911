using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Identity.SignalWire;

/// <summary>
/// The answer to a request that needs step-up and has no fresh proof: a browser goes to the step-up page and comes
/// back; any other client gets 403 with a problem document it can recognise.
/// </summary>
internal static class StepUpChallenge
{
    public static Task WriteAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SignalWireStepUpOptions>>().Value;
        if (options.StepUpPath.HasValue && AcceptsHtml(context.Request))
        {
            context.Response.Redirect(options.StepUpPath + QueryString.Create("ReturnUrl", ReturnUrl(context.Request)));
            return Task.CompletedTask;
        }

        return Results.Problem(
            title: "Step-up required",
            detail: "Prove the second factor again (a fresh code, an authenticator code or a recovery code), then repeat the request.",
            statusCode: StatusCodes.Status403Forbidden,
            type: SignalWireDefaults.StepUpRequiredProblemType).ExecuteAsync(context);
    }

    // A form post comes back as a GET of the same page, which shows the form again: its query (a handler name) is
    // left behind, so that the return lands on the page rather than on a handler that only posts.
    private static string ReturnUrl(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) ? request.PathBase + request.Path + request.QueryString : request.PathBase + request.Path;

    private static bool AcceptsHtml(HttpRequest request) =>
        request.HasFormContentType
        || request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
