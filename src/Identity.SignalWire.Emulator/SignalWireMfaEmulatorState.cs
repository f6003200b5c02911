using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// Everything one emulator instance remembers: its credentials, the pending MFA requests, the phone outbox and the
/// queued faults. Register one as a singleton to host the emulator routes inside another application.
/// </summary>
public sealed class SignalWireMfaEmulatorState
{
    /// <summary>Creates the state from <paramref name="options"/>, checking them.</summary>
    /// <param name="options">The emulator options.</param>
    /// <exception cref="ArgumentException">An option is out of range or a test number is not E.164.</exception>
    public SignalWireMfaEmulatorState(SignalWireMfaEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TestNumbers, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Latency, TimeSpan.Zero, nameof(options));

        foreach (var (number, code) in options.TestNumbers)
        {
            if (!SendMfaRequestValidation.IsE164(number))
            {
                throw new ArgumentException("Every test number must be an E.164 number such as +12015551234.", nameof(options));
            }

            if (string.IsNullOrEmpty(code))
            {
                throw new ArgumentException("Every test number needs a non-empty code.", nameof(options));
            }
        }

        ProjectId = string.IsNullOrEmpty(options.ProjectId) ? Guid.NewGuid().ToString() : options.ProjectId;
        // SignalWire API tokens start with "PT"; the rest only has to be unguessable.
        ApiToken = string.IsNullOrEmpty(options.ApiToken)
            ? "PT" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))
            : options.ApiToken;
        TimeProvider = options.TimeProvider;
        Latency = options.Latency;
        TestNumbers = options.TestNumbers.ToFrozenDictionary(StringComparer.Ordinal);
        Outbox = new PhoneOutbox();
        Faults = new EmulatorFaults();
        Requests = new MfaRequestStore(TimeProvider);
    }

    /// <summary>Gets the project ID that HTTP Basic auth expects as user name.</summary>
    public string ProjectId { get; }

    /// <summary>Gets the API token that HTTP Basic auth expects as password.</summary>
    public string ApiToken { get; }

    /// <summary>Gets the clock that decides when codes expire.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the fixed delay added before every answer on the <c>/api</c> routes.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Gets the test numbers and their fixed codes.</summary>
    public IReadOnlyDictionary<string, string> TestNumbers { get; }

    /// <summary>Gets the phone outbox: every SMS and call the emulator "sent".</summary>
    public PhoneOutbox Outbox { get; }

    /// <summary>Gets the faults queued for the next <c>/api</c> requests.</summary>
    public EmulatorFaults Faults { get; }

    internal MfaRequestStore Requests { get; }
}
