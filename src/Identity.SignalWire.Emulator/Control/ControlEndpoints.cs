using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// The emulator's own routes, outside SignalWire's API: the outbox as JSON, the fault queue and the phone page.
/// No auth and no faults here: they are development tools for this machine, even when an application maps them on an
/// address its network can reach (<see cref="ThisMachineOnly"/>).
/// </summary>
internal sealed class ControlEndpoints(SignalWireMfaEmulatorState state)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Runs <paramref name="route"/> for a caller on this machine and answers 404 to any other: loopback, and not relayed
    /// by a proxy (a proxy on this machine forwarding an outside request would otherwise look local).
    /// </summary>
    public static RequestDelegate ThisMachineOnly(RequestDelegate route) => context =>
    {
        var local = context.Connection.RemoteIpAddress is { } address
            && IPAddress.IsLoopback(address)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For")
            && !context.Request.Headers.ContainsKey("Forwarded");
        if (local)
        {
            return route(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    public IResult GetOutbox() => Results.Json(state.Outbox.Snapshot(), Json);

    public IResult ClearOutbox()
    {
        state.Outbox.Clear();
        return Results.NoContent();
    }

    public IResult GetPhonePage() =>
        Results.Content(PhonePage.Render(state.Outbox.Snapshot()), "text/html; charset=utf-8");

    public IResult GetFaults() => Results.Json(new FaultsResponse(state.Faults.Pending), Json);

    public IResult ClearFaults()
    {
        state.Faults.Clear();
        return Results.NoContent();
    }

    public async Task<IResult> AddFaultAsync(HttpContext context)
    {
        FaultRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<FaultRequest>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Refuse("The body must be a JSON object such as {\"kind\":\"status\",\"status\":503,\"count\":1}.");
        }

        if (request is null)
        {
            return Refuse("The body must be a JSON object.");
        }

        EmulatorFault fault;
        try
        {
            fault = request.Kind switch
            {
                "status" when request.Status is { } status => EmulatorFault.Status(
                    status,
                    request.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
                "status" => throw new ArgumentException("status is required with kind \"status\"."),
                "delay" when request.DelayMs is { } milliseconds => EmulatorFault.Late(TimeSpan.FromMilliseconds(milliseconds)),
                "delay" => throw new ArgumentException("delay_ms is required with kind \"delay\"."),
                "drop" => EmulatorFault.DroppedConnection(),
                "unreadable_body" => EmulatorFault.UnreadableBody(),
                "html_not_found" => EmulatorFault.HtmlNotFound(),
                "unknown_charset" => EmulatorFault.UnknownCharset(),
                _ => throw new ArgumentException("kind must be status, delay, drop, unreadable_body, html_not_found or unknown_charset."),
            };
            state.Faults.Enqueue(fault, request.Count ?? 1);
        }
        catch (ArgumentException exception)
        {
            return Refuse(exception.Message);
        }

        return Results.Json(new FaultsResponse(state.Faults.Pending), Json);
    }

    private static IResult Refuse(string message) =>
        Results.Json(new ControlError(message), Json, statusCode: StatusCodes.Status400BadRequest);
}
