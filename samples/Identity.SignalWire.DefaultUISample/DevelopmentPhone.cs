using System.Net;
using Identity.SignalWire.Emulator;

// Beside WebApplication's own extensions, so that Program.cs needs no using for them.
namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Stand-ins for the emulator package's <c>AddSignalWireMfaEmulatorInDevelopment</c> and
/// <c>MapSignalWireDevelopmentPhone</c>, with the same names and shape, until that package has them; then this file
/// goes and Program.cs stays as it is.
/// </summary>
internal static class DevelopmentPhone
{
    private static readonly string[] CredentialKeys = ["SpaceName", "BaseAddress", "ProjectId", "ApiToken"];

    /// <summary>
    /// In Development and with no SignalWire credentials configured, starts the SignalWire MFA emulator on a loopback
    /// port and points the library at it; otherwise does nothing.
    /// </summary>
    public static WebApplicationBuilder AddSignalWireMfaEmulatorInDevelopment(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("SignalWire");
        if (!builder.Environment.IsDevelopment() || CredentialKeys.Any(key => !string.IsNullOrWhiteSpace(section[key])))
        {
            return builder;
        }

        var emulator = SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions()).GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignalWire:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["SignalWire:ProjectId"] = emulator.ProjectId,
            ["SignalWire:ApiToken"] = emulator.ApiToken,
        });

        // Created by a factory, so that the container owns it and stops it with the application.
        builder.Services.AddSingleton(_ => emulator);
        return builder;
    }

    /// <summary>
    /// Maps <c>/dev/phone</c>, which shows the emulator's texts and calls to this machine only, in Development only.
    /// </summary>
    public static WebApplication MapSignalWireDevelopmentPhone(this WebApplication app)
    {
        app.MapGet("/dev/phone", (HttpContext context) =>
            context.RequestServices.GetService<SignalWireMfaEmulator>() is { } emulator
                && app.Environment.IsDevelopment()
                && context.Connection.RemoteIpAddress is { } address
                && IPAddress.IsLoopback(address)
                && !context.Request.Headers.ContainsKey("X-Forwarded-For")
                ? Results.Redirect(emulator.RootAddress.ToString())
                : Results.NotFound());
        return app;
    }
}
