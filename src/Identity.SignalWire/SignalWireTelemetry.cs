using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Identity.SignalWire;

/// <summary>
/// The library's metrics and traces: a <see cref="Meter"/> and an <see cref="ActivitySource"/>, both named
/// <c>"Identity.SignalWire"</c>. Add them to OpenTelemetry with <c>AddMeter(SignalWireTelemetry.Name)</c> and
/// <c>AddSource(SignalWireTelemetry.Name)</c>. Tags carry only the channel, the operation, the outcome and the
/// number's region (ISO 3166-1 alpha-2): never a number, a user or a code.
/// </summary>
/// <remarks>
/// This class is the one place that turns what happened into tags: the token providers and the client tell it an
/// event and a result or an exception, and it picks the outcome with one mapping.
/// </remarks>
public sealed class SignalWireTelemetry
{
    /// <summary>The name of the meter and of the activity source: <c>"Identity.SignalWire"</c>.</summary>
    public const string Name = "Identity.SignalWire";

    /// <summary>
    /// Counter of code requests, tagged <c>channel</c>, <c>outcome</c> (sent, limited, throttled, unavailable,
    /// store_unavailable, unauthorized, rejected) and <c>region</c>.
    /// </summary>
    public const string CodesRequestedInstrument = "identity_signalwire.codes.requested";

    /// <summary>
    /// Counter of code checks, tagged <c>channel</c> and <c>outcome</c>: valid, invalid, expired, and for a check whose
    /// answer is unknown the outcome of the failure (unavailable, store_unavailable, throttled, unauthorized,
    /// rejected); and <c>region</c>, so that a dashboard can plot conversion (valid ÷ sent) by region.
    /// </summary>
    public const string CodesVerifiedInstrument = "identity_signalwire.codes.verified";

    /// <summary>
    /// Counter of the pumping guard stopping a tier, counted once per trip, site-wide: tagged <c>tier</c> (range or
    /// region), <c>region</c> and, for a range, <c>range</c> (the first digits of the national number, naming 10,000
    /// numbers, never one).
    /// </summary>
    public const string PumpingGuardTripsInstrument = "identity_signalwire.pumping_guard.trips";

    /// <summary>Histogram of SignalWire call durations in seconds, tagged <c>operation</c> and <c>outcome</c>.</summary>
    public const string ApiDurationInstrument = "identity_signalwire.api.duration";

    /// <summary>The library's version without its build metadata, as the meter, the activity source and the User-Agent give it.</summary>
    internal static readonly string Version =
        typeof(SignalWireTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    private readonly Counter<long> _codesRequested;
    private readonly Counter<long> _codesVerified;
    private readonly Histogram<double> _apiDuration;
    private readonly Counter<long> _pumpingGuardTrips;

    internal SignalWireTelemetry(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(Name, Version) ?? new Meter(Name, Version);
        _codesRequested = meter.CreateCounter<long>(CodesRequestedInstrument, "{code}", "Codes asked of SignalWire, by channel and outcome.");
        _codesVerified = meter.CreateCounter<long>(CodesVerifiedInstrument, "{code}", "Codes checked, by channel and outcome.");
        _apiDuration = meter.CreateHistogram<double>(ApiDurationInstrument, "s", "How long calls to SignalWire's MFA API took.");
        _pumpingGuardTrips = meter.CreateCounter<long>(PumpingGuardTripsInstrument, "{trip}", "Number ranges and regions the SMS-pumping guard stopped.");
    }

    /// <summary>The outcome tag of a failure, the same for a send, a check and a call to SignalWire.</summary>
    internal static string OutcomeOf(SignalWireMfaException exception) => exception.Kind switch
    {
        SignalWireMfaErrorKind.Unauthorized => "unauthorized",
        SignalWireMfaErrorKind.InvalidRequest => "rejected",
        SignalWireMfaErrorKind.RateLimited => "throttled",
        SignalWireMfaErrorKind.SendLimitExceeded => "limited",
        // Apart from SignalWire's "unavailable": the fix is in the site's own Redis, not at SignalWire.
        SignalWireMfaErrorKind.StoreUnavailable => "store_unavailable",
        _ => "unavailable",
    };

    /// <summary>Counts a code request: sent when <paramref name="failure"/> is <see langword="null"/>.</summary>
    internal void RecordRequested(SignalWireMfaChannel channel, string region, SignalWireMfaException? failure = null)
    {
        if (_codesRequested.Enabled)
        {
            _codesRequested.Add(
                1,
                new("channel", ChannelTag(channel)),
                new("outcome", failure is null ? SentOutcome : OutcomeOf(failure)),
                new("region", region));
        }
    }

    /// <summary>
    /// Counts a code check that was answered, by SignalWire or by the library without asking it (a malformed code or
    /// one for another channel counts as invalid, no pending code as expired).
    /// </summary>
    internal void RecordVerified(SignalWireMfaChannel channel, string region, SignalWireMfaVerifyResult check)
    {
        if (_codesVerified.Enabled)
        {
            _codesVerified.Add(1, new("channel", ChannelTag(channel)), new("outcome", OutcomeOf(check)), new("region", region));
        }
    }

    /// <summary>Counts a code check whose answer is unknown because <paramref name="failure"/> stopped it.</summary>
    internal void RecordVerified(SignalWireMfaChannel channel, string region, SignalWireMfaException failure)
    {
        if (_codesVerified.Enabled)
        {
            _codesVerified.Add(1, new("channel", ChannelTag(channel)), new("outcome", OutcomeOf(failure)), new("region", region));
        }
    }

    /// <summary>The <c>tier</c> tag of a trip of one number range.</summary>
    internal const string RangeTier = "range";

    /// <summary>The <c>tier</c> tag of a trip of a whole region.</summary>
    internal const string RegionTier = "region";

    /// <summary>Counts the pumping guard stopping a <paramref name="tier"/>: a range of <paramref name="region"/>, or all of it.</summary>
    internal void RecordGuardTripped(string tier, string region, string? range)
    {
        if (!_pumpingGuardTrips.Enabled)
        {
            return;
        }

        if (range is null)
        {
            _pumpingGuardTrips.Add(1, new("tier", tier), new("region", region));
        }
        else
        {
            _pumpingGuardTrips.Add(1, new("tier", tier), new("region", region), new("range", range));
        }
    }

    /// <summary>Records how long one call to SignalWire took, and how it ended.</summary>
    internal void RecordApiCall(string operation, TimeSpan elapsed, string outcome)
    {
        if (_apiDuration.Enabled)
        {
            _apiDuration.Record(elapsed.TotalSeconds, new("operation", operation), new("outcome", outcome));
        }
    }

    /// <summary>The outcome tag of an answered check.</summary>
    internal static string OutcomeOf(SignalWireMfaVerifyResult check) => check switch
    {
        SignalWireMfaVerifyResult.Valid => "valid",
        SignalWireMfaVerifyResult.Invalid => "invalid",
        _ => "expired",
    };

    /// <summary>The outcome tag of a send SignalWire took.</summary>
    internal const string SentOutcome = "sent";

    /// <summary>The outcome tag of a call the caller cancelled.</summary>
    internal const string CancelledOutcome = "cancelled";

    private static string ChannelTag(SignalWireMfaChannel channel) => channel == SignalWireMfaChannel.Sms ? "sms" : "call";
}
