using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Identity.SignalWire;

/// <summary>
/// The library's metrics and traces: a <see cref="Meter"/> and an <see cref="ActivitySource"/>, both named
/// <c>"Identity.SignalWire"</c>. Add them to OpenTelemetry with <c>AddMeter(SignalWireTelemetry.Name)</c> and
/// <c>AddSource(SignalWireTelemetry.Name)</c>. Tags carry only the channel, the outcome and the country calling code:
/// never a number, a user or a code.
/// </summary>
public sealed class SignalWireTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>"Identity.SignalWire"</c>.</summary>
    public const string Name = "Identity.SignalWire";

    /// <summary>Counter of code requests, tagged <c>channel</c>, <c>outcome</c> and <c>calling_code</c>.</summary>
    public const string CodesRequestedInstrument = "identity_signalwire.codes.requested";

    /// <summary>
    /// Counter of code checks, tagged <c>channel</c> and <c>outcome</c>: valid, invalid, expired, unavailable, throttled.
    /// </summary>
    public const string CodesVerifiedInstrument = "identity_signalwire.codes.verified";

    /// <summary>Histogram of SignalWire call durations in seconds, tagged <c>operation</c> and <c>outcome</c>.</summary>
    public const string ApiDurationInstrument = "identity_signalwire.api.duration";

    private static readonly string Version =
        typeof(SignalWireTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    // Used when the client is built by hand, without dependency injection and its IMeterFactory.
    internal static readonly SignalWireTelemetry Shared = new(null);

    internal SignalWireTelemetry(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(Name, Version) ?? new Meter(Name, Version);
        CodesRequested = meter.CreateCounter<long>(CodesRequestedInstrument, "{code}", "Codes asked of SignalWire, by channel and outcome.");
        CodesVerified = meter.CreateCounter<long>(CodesVerifiedInstrument, "{code}", "Codes checked, by channel and outcome.");
        ApiDuration = meter.CreateHistogram<double>(ApiDurationInstrument, "s", "How long calls to SignalWire's MFA API took.");
    }

    internal Counter<long> CodesRequested { get; }

    internal Counter<long> CodesVerified { get; }

    internal Histogram<double> ApiDuration { get; }

    internal static string ChannelTag(SignalWireMfaChannel channel) => channel == SignalWireMfaChannel.Sms ? "sms" : "call";

    internal static string OutcomeOf(SignalWireMfaException exception) => exception.Kind switch
    {
        SignalWireMfaErrorKind.RateLimited => "throttled",
        SignalWireMfaErrorKind.SendLimitExceeded => "limited",
        SignalWireMfaErrorKind.ServiceUnavailable => "unavailable",
        _ => "rejected",
    };
}
