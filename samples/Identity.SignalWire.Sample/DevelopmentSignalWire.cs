using System.Globalization;
using System.Net;
using Identity.SignalWire.Emulator;

namespace Identity.SignalWire.Sample;

/// <summary>
/// The embedded default: with no SignalWire credentials configured, the site runs the SignalWire MFA emulator on a
/// loopback port and points the library at it, so that the whole flow works on a fresh machine with no account.
/// </summary>
internal static class DevelopmentSignalWire
{
    private static readonly string[] CredentialKeys = ["SpaceName", "BaseAddress", "ProjectId", "ApiToken"];

    /// <summary>
    /// Starts the emulator when none of <c>SignalWire:SpaceName</c>, <c>BaseAddress</c>, <c>ProjectId</c> and
    /// <c>ApiToken</c> is set, and registers it so that the development phone page can read its outbox and disposing
    /// the application stops it. Returns <see langword="null"/> when SignalWire itself is configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is configured and the environment is not Development.</exception>
    public static async Task<SignalWireMfaEmulator?> StartIfNeededAsync(WebApplicationBuilder builder, TimeProvider timeProvider)
    {
        var section = builder.Configuration.GetSection(SignalWireDefaults.ConfigurationSectionName);
        if (CredentialKeys.Any(key => !string.IsNullOrWhiteSpace(section[key])))
        {
            // Real SignalWire (or an emulator run elsewhere): the library validates the settings at start-up.
            return null;
        }

        if (!builder.Environment.IsDevelopment())
        {
            // The development phone shows every code: it must never be what a deployed site falls back to.
            throw new InvalidOperationException(
                "SignalWire is not configured. Set SignalWire:SpaceName, SignalWire:ProjectId and SignalWire:ApiToken "
                + "(environment variables SignalWire__SpaceName, ...), or run in Development to use the built-in emulator.");
        }

        var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { TimeProvider = timeProvider });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignalWire:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["SignalWire:ProjectId"] = emulator.ProjectId,
            ["SignalWire:ApiToken"] = emulator.ApiToken,
        });

        // Created by a factory, so the container owns it and stops it when the application is disposed.
        builder.Services.AddSingleton(_ => emulator);
        return emulator;
    }

    /// <summary>
    /// Starts the emulator when needed (<see cref="StartIfNeededAsync"/>), then builds the application with
    /// <paramref name="build"/>, which gets the emulator or <see langword="null"/>. If building fails, the emulator is
    /// stopped again: nothing is left listening on a port.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(
        WebApplicationBuilder builder, TimeProvider timeProvider, Func<SignalWireMfaEmulator?, WebApplication> build)
    {
        var emulator = await StartIfNeededAsync(builder, timeProvider);
        try
        {
            return build(emulator);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// The emulator whose texts and calls the development phone page shows to this request, or <see langword="null"/>
    /// when the page must answer 404: the site uses SignalWire itself (the page could show real codes), it does not run
    /// in Development, or the request is not from this machine (the page shows every number and code, so a site
    /// started on 0.0.0.0 must not show it to its network).
    /// </summary>
    public static SignalWireMfaEmulator? PhoneFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        return services.GetRequiredService<IWebHostEnvironment>().IsDevelopment() && IsFromThisMachine(context)
            ? services.GetService<SignalWireMfaEmulator>()
            : null;
    }

    // Loopback, and not relayed by a proxy: a proxy on this machine forwarding an outside request would otherwise
    // look local (its X-Forwarded-For is applied only for known proxies, so check for the header itself as well).
    private static bool IsFromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("Forwarded");

    /// <summary>Describes a message's age for the phone page: "just now", "12 s ago", "3 min ago".</summary>
    public static string Age(DateTimeOffset sentAt, DateTimeOffset now)
    {
        var age = now - sentAt;
        if (age < TimeSpan.FromSeconds(5))
        {
            return "just now";
        }

        return age < TimeSpan.FromMinutes(2)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)} s ago")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min ago");
    }
}
