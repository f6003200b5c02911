using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Emulator;

/// <summary>Registers the emulator's state in an ASP.NET Core application.</summary>
public static class SignalWireMfaEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SignalWireMfaEmulatorState"/> singleton, built from the options that
    /// <paramref name="configure"/> sets, for
    /// <see cref="SignalWireMfaEmulatorEndpointRouteBuilderExtensions.MapSignalWireMfaEmulator"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> keeps every default.</param>
    /// <returns><paramref name="services"/>, so that calls chain.</returns>
    public static IServiceCollection AddSignalWireMfaEmulator(
        this IServiceCollection services,
        Action<SignalWireMfaEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = new SignalWireMfaEmulatorOptions();
        configure?.Invoke(options);
        services.AddSingleton(new SignalWireMfaEmulatorState(options));
        return services;
    }
}
