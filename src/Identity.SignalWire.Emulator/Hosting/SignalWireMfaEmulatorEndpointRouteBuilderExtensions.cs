using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>Maps the emulator into an ASP.NET Core application.</summary>
public static class SignalWireMfaEmulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps SignalWire's MFA routes under <c>api/relay/rest/</c>, the control routes under <c>emulator/</c> and the
    /// development phone page at the root of <paramref name="endpoints"/>. The control routes and the phone page show
    /// every number and code and need no credentials, so they answer 404 to any caller that is not on this machine
    /// (not loopback, or relayed by a proxy); the MFA routes need the API token, as SignalWire's do. Map it on a group
    /// (<c>app.MapGroup("/signalwire").MapSignalWireMfaEmulator()</c>) to keep it away from the application's own
    /// root. Needs a <see cref="SignalWireMfaEmulatorState"/> singleton, for example from
    /// <see cref="SignalWireMfaEmulatorServiceCollectionExtensions.AddSignalWireMfaEmulator(IServiceCollection, Action{SignalWireMfaEmulatorOptions}?)"/>.
    /// </summary>
    /// <param name="endpoints">The application or group to map into.</param>
    /// <returns>A builder for conventions that apply to every emulator route.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="SignalWireMfaEmulatorState"/> is registered.</exception>
    public static RouteGroupBuilder MapSignalWireMfaEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var state = endpoints.ServiceProvider.GetService<SignalWireMfaEmulatorState>()
            ?? throw new InvalidOperationException(
                $"Register a {nameof(SignalWireMfaEmulatorState)} first, for example with services.AddSignalWireMfaEmulator().");
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(EmulatorLog.CategoryName);

        var emulator = endpoints.MapGroup(string.Empty);

        // RequestDelegate handlers throughout: no parameter binding, so a malformed body reaches the emulator's own
        // validation (422 in SignalWire's shape) instead of the framework's 400.
        var pipeline = new ApiPipeline(state, logger);
        var mfa = new MfaEndpoints(state, logger);
        var api = emulator.MapGroup("/api/relay/rest");
        api.MapPost("/mfa/sms", pipeline.Wrap(context => mfa.SendAsync(context, MfaChannel.Sms)));
        api.MapPost("/mfa/call", pipeline.Wrap(context => mfa.SendAsync(context, MfaChannel.Call)));
        api.MapPost("/mfa/{id}/verify", pipeline.Wrap(mfa.VerifyAsync));

        var control = new ControlEndpoints(state);
        emulator.MapGet("/", ControlEndpoints.ThisMachineOnly(context => control.GetPhonePage().ExecuteAsync(context)));
        emulator.MapGet("/emulator/outbox", ControlEndpoints.ThisMachineOnly(context => control.GetOutbox().ExecuteAsync(context)));
        emulator.MapDelete("/emulator/outbox", ControlEndpoints.ThisMachineOnly(context => control.ClearOutbox().ExecuteAsync(context)));
        emulator.MapGet("/emulator/faults", ControlEndpoints.ThisMachineOnly(context => control.GetFaults().ExecuteAsync(context)));
        emulator.MapPost("/emulator/faults", ControlEndpoints.ThisMachineOnly(async context => await (await control.AddFaultAsync(context)).ExecuteAsync(context)));
        emulator.MapDelete("/emulator/faults", ControlEndpoints.ThisMachineOnly(context => control.ClearFaults().ExecuteAsync(context)));

        return emulator;
    }

    /// <summary>
    /// Maps the development phone page at <paramref name="pattern"/>: every text and call of the emulator that
    /// <see cref="SignalWireMfaEmulatorHostApplicationBuilderExtensions.AddSignalWireMfaEmulatorInDevelopment"/> started,
    /// newest first, on the site's own address. It answers 404 unless the environment is Development, that emulator is in
    /// use (so it can never show codes from SignalWire itself) and the caller is on this machine (loopback, and no
    /// <c>X-Forwarded-For</c> or <c>Forwarded</c> header): the page shows every number and code with no credentials, so
    /// a site listening on 0.0.0.0 must not show it to its network. Safe to map unconditionally.
    /// </summary>
    /// <param name="endpoints">The application or group to map into.</param>
    /// <param name="pattern">The route of the page. Defaults to <c>/dev/phone</c>.</param>
    /// <returns>A builder for conventions that apply to the page.</returns>
    public static IEndpointConventionBuilder MapSignalWireDevelopmentPhone(this IEndpointRouteBuilder endpoints, string pattern = "/dev/phone")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);

        return endpoints.MapGet(pattern, ControlEndpoints.ThisMachineOnly(context =>
        {
            var services = context.RequestServices;
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment()
                || services.GetService<SignalWireMfaEmulator>() is not { } emulator)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return Results.Content(PhonePage.Render(emulator.Outbox.Snapshot()), "text/html; charset=utf-8").ExecuteAsync(context);
        }));
    }
}
