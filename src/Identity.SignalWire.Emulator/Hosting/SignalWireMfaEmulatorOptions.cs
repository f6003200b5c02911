using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>Options of the SignalWire MFA emulator.</summary>
public sealed class SignalWireMfaEmulatorOptions
{
    /// <summary>
    /// Gets or sets the project ID that HTTP Basic auth expects as user name.
    /// Defaults to <see langword="null"/>: a new random UUID is used.
    /// </summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// Gets or sets the API token that HTTP Basic auth expects as password.
    /// Defaults to <see langword="null"/>: a new random token is used.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// Gets or sets the clock that decides when a code expires and stamps outbox messages.
    /// Defaults to <see cref="TimeProvider.System"/>. Latency and delay faults always use real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets the test numbers: each E.164 number here always receives its fixed code, whatever the
    /// <c>token_length</c> and <c>allow_alphas</c> of the request. Empty by default.
    /// </summary>
    public IDictionary<string, string> TestNumbers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets a fixed delay added before every answer on the <c>/api</c> routes, to imitate a distant service.
    /// Defaults to <see cref="TimeSpan.Zero"/>.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Gets or sets the loopback port that <see cref="SignalWireMfaEmulator.StartAsync"/> listens on.
    /// Defaults to 0: a free port chosen by the operating system.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets a callback that adds logging providers to a server started by
    /// <see cref="SignalWireMfaEmulator.StartAsync"/>. Defaults to <see langword="null"/>: no logging at all,
    /// so that tests stay quiet.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
