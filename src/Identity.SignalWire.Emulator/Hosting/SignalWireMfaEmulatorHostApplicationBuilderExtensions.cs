using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Identity.SignalWire.Emulator;

/// <summary>Runs the emulator inside an application in Development, in one call.</summary>
public static class SignalWireMfaEmulatorHostApplicationBuilderExtensions
{
    // The section Identity.SignalWire binds by default (SignalWireDefaults.ConfigurationSectionName); repeated here
    // because the emulator package references nothing of the library's.
    private const string Section = "SignalWire";

    private static readonly string[] CredentialKeys = ["SpaceName", "BaseAddress", "ProjectId", "ApiToken"];

    /// <summary>
    /// When none of <c>SignalWire:SpaceName</c>, <c>SignalWire:BaseAddress</c>, <c>SignalWire:ProjectId</c> and
    /// <c>SignalWire:ApiToken</c> is configured and the environment is Development, starts a
    /// <see cref="SignalWireMfaEmulator"/> on a free loopback port, points those settings at it, and registers it as a
    /// singleton: the container stops it when the application is disposed, and
    /// <see cref="SignalWireMfaEmulatorEndpointRouteBuilderExtensions.MapSignalWireDevelopmentPhone"/> shows its texts and
    /// calls. When any of those settings is configured, it does nothing: the site uses SignalWire (or an emulator run
    /// elsewhere) and Identity.SignalWire validates the settings at start-up. Call it before
    /// <c>AddSignalWireTokenProviders()</c> reads the <c>SignalWire</c> section, that is, before the application is built.
    /// </summary>
    /// <typeparam name="TBuilder">
    /// A <c>WebApplicationBuilder</c>, a <c>HostApplicationBuilder</c> or any other <see cref="IHostApplicationBuilder"/>;
    /// generic so that calls chain on the builder's own type.
    /// </typeparam>
    /// <param name="builder">The application's builder.</param>
    /// <param name="configure">Sets the emulator's options (test numbers, a clock, latency); <see langword="null"/> keeps every default.</param>
    /// <returns><paramref name="builder"/>, so that calls chain.</returns>
    /// <exception cref="InvalidOperationException">
    /// None of the settings is configured and the environment is not Development. The emulator's phone shows every code,
    /// so it must never be what a deployed site falls back to.
    /// </exception>
    public static TBuilder AddSignalWireMfaEmulatorInDevelopment<TBuilder>(
        this TBuilder builder,
        Action<SignalWireMfaEmulatorOptions>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var section = builder.Configuration.GetSection(Section);
        if (CredentialKeys.Any(key => !string.IsNullOrWhiteSpace(section[key])))
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "SignalWire is not configured. Set SignalWire:SpaceName (or SignalWire:BaseAddress), SignalWire:ProjectId "
                + "and SignalWire:ApiToken, for example as the environment variables SignalWire__SpaceName, "
                + "SignalWire__ProjectId and SignalWire__ApiToken. The SignalWire MFA emulator stands in for them only in "
                + $"Development, and this environment is '{builder.Environment.EnvironmentName}'.");
        }

        var options = new SignalWireMfaEmulatorOptions();
        configure?.Invoke(options);

        // Blocking once at start-up: the builder API is synchronous, and the emulator's address (its free port) must
        // be in the configuration before the application binds the SignalWire section. Task.Run keeps a caller's
        // synchronization context, if any, out of the start.
        var emulator = Task.Run(() => SignalWireMfaEmulator.StartAsync(options)).GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{Section}:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
            [$"{Section}:ProjectId"] = emulator.ProjectId,
            [$"{Section}:ApiToken"] = emulator.ApiToken,
        });

        // Created by a factory, so the container owns it and disposes it (stopping its server) with the application;
        // the notice resolves it when the application starts, so that it is created, and so disposed, even when no page
        // ever asks for it.
        builder.Services.AddSingleton(_ => emulator);
        builder.Services.AddHostedService<DevelopmentEmulatorNotice>();
        return builder;
    }
}
