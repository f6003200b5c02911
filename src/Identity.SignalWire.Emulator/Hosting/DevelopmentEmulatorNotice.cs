using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// Says at start-up, as a warning, that codes go to the emulator and where to read them, so that nobody mistakes a
/// site running on the emulator for one sending real texts. Registered by
/// <see cref="SignalWireMfaEmulatorHostApplicationBuilderExtensions.AddSignalWireMfaEmulatorInDevelopment"/>.
/// </summary>
internal sealed partial class DevelopmentEmulatorNotice(SignalWireMfaEmulator emulator, ILogger<DevelopmentEmulatorNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        UsingEmulator(logger, emulator.RootAddress);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, EventName = "UsingEmulator", Level = LogLevel.Warning,
        Message = "No SignalWire credentials are configured: codes go to the SignalWire MFA emulator at {EmulatorAddress}, never to a real phone. Read them on its page, or on the site's development phone page if the site maps one (MapSignalWireDevelopmentPhone, /dev/phone).")]
    private static partial void UsingEmulator(ILogger logger, Uri emulatorAddress);
}
