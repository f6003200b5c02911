using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// A SignalWire MFA emulator on its own Kestrel server, bound to 127.0.0.1 only. Start one per test with
/// <c>await using var emulator = await SignalWireMfaEmulator.StartAsync(...)</c>; disposing stops that server.
/// </summary>
public sealed class SignalWireMfaEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SignalWireMfaEmulatorState state;
    private readonly ConnectionCounter connections;

    private SignalWireMfaEmulator(WebApplication app, SignalWireMfaEmulatorState state, ConnectionCounter connections, int port)
    {
        this.app = app;
        this.state = state;
        this.connections = connections;
        RootAddress = new Uri($"http://127.0.0.1:{port}/", UriKind.Absolute);
        BaseAddress = new Uri(RootAddress, "api/relay/rest/");
    }

    /// <summary>Gets the address to give an MFA client: <c>http://127.0.0.1:{port}/api/relay/rest/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the root of the server, where the development phone page is: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri RootAddress { get; }

    /// <summary>Gets the project ID that HTTP Basic auth expects as user name.</summary>
    public string ProjectId => state.ProjectId;

    /// <summary>Gets the API token that HTTP Basic auth expects as password.</summary>
    public string ApiToken => state.ApiToken;

    /// <summary>Gets the phone outbox: every SMS and call the emulator "sent".</summary>
    public PhoneOutbox Outbox => state.Outbox;

    /// <summary>Gets the faults queued for the next <c>/api</c> requests.</summary>
    public EmulatorFaults Faults => state.Faults;

    /// <summary>Gets how many TCP connections the server accepted since it started.</summary>
    public long AcceptedConnections => connections.Accepted;

    /// <summary>
    /// Starts an emulator on 127.0.0.1, on <see cref="SignalWireMfaEmulatorOptions.Port"/> or a free port.
    /// </summary>
    /// <param name="options">The options; <see langword="null"/> keeps every default.</param>
    /// <param name="cancellationToken">Stops waiting for the server to start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    public static async Task<SignalWireMfaEmulator> StartAsync(
        SignalWireMfaEmulatorOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SignalWireMfaEmulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort, nameof(options));

        var state = new SignalWireMfaEmulatorState(options);
        var connections = new ConnectionCounter();

        // The empty builder reads no appsettings.json and no ASPNETCORE_* variables, so the host application or test
        // run around the emulator cannot change where it listens or what it logs.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SignalWireMfaEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddRouting();
        builder.Services.AddSingleton(state);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    connections.OnAccepted();
                    return next(connection);
                });
            });
        });

        var app = builder.Build();
        app.UseRouting();
        app.MapSignalWireMfaEmulator();

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SignalWireMfaEmulator(app, state, connections, new Uri(address).Port);
    }

    /// <summary>
    /// Waits for the next code sent to <paramref name="to"/>; see <see cref="PhoneOutbox.NextCodeAsync"/>.
    /// </summary>
    /// <param name="to">The E.164 number the code went to.</param>
    /// <param name="timeout">How long to wait for a message to arrive.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The code alone.</returns>
    /// <exception cref="TimeoutException">No message reached the number in time.</exception>
    public Task<string> NextCodeAsync(string to, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        state.Outbox.NextCodeAsync(to, timeout, cancellationToken);

    /// <summary>Stops the server and releases its port.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
