using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// What happens to every <c>/api</c> request before its handler: the fixed latency, then a queued fault, then
/// HTTP Basic auth. Faults come before auth because a failing service fails whoever calls it.
/// </summary>
internal sealed class ApiPipeline(SignalWireMfaEmulatorState state, ILogger logger)
{
    // A truncated success body: valid UTF-8, valid start, no end, so that every JSON reader fails on it.
    private const string UnreadableJson = """{"id":"3f1c2a90-""";

    // What a reverse proxy or a CDN answers for a route it does not know: nothing SignalWire said.
    private const string ProxyNotFoundPage = "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>";

    // Readable JSON, were the charset ignored: a client that did would take it for a wrong code.
    private const string UnknownCharsetJson = """{"success":false}""";
    private const string UnknownCharsetContentType = "application/json; charset=x-unknown-charset";

    public RequestDelegate Wrap(Func<HttpContext, Task<IResult>> handler) => async context =>
    {
        var result = await RunAsync(context, handler).ConfigureAwait(false);
        if (result is not null)
        {
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
    };

    private async Task<IResult?> RunAsync(HttpContext context, Func<HttpContext, Task<IResult>> handler)
    {
        // Real time on purpose: latency imitates the network, which a fake clock does not slow down.
        if (state.Latency > TimeSpan.Zero)
        {
            await Task.Delay(state.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (state.Faults.TakeNext() is { } fault)
        {
            logger.FaultApplied(fault.Kind, context.Request.Path);
            switch (fault.Kind)
            {
                case EmulatorFaultKind.Delay:
                    await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                    break;
                case EmulatorFaultKind.Drop:
                    context.Abort();
                    return null;
                case EmulatorFaultKind.UnreadableBody:
                    return Results.Text(UnreadableJson, "application/json", statusCode: StatusCodes.Status200OK);
                case EmulatorFaultKind.HtmlNotFound:
                    return Results.Text(ProxyNotFoundPage, "text/html", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
                case EmulatorFaultKind.UnknownCharset:
                    return Results.Bytes(System.Text.Encoding.UTF8.GetBytes(UnknownCharsetJson), UnknownCharsetContentType);
                case EmulatorFaultKind.Status:
                    if (fault.RetryAfter is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }

                    return SignalWireErrors.Plain(fault.StatusCode);
            }
        }

        if (!BasicAuthentication.IsAuthorized(context.Request, state))
        {
            logger.RequestRejected(context.Request.Path, StatusCodes.Status401Unauthorized);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"SignalWire\"";
            return SignalWireErrors.Unauthorized();
        }

        return await handler(context).ConfigureAwait(false);
    }
}
