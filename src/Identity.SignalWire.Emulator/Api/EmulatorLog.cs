using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>The emulator's log lines. None carries a code, a token or a phone number.</summary>
internal static partial class EmulatorLog
{
    public const string CategoryName = "Identity.SignalWire.Emulator";

    [LoggerMessage(EventId = 1, EventName = "CodeSent", Level = LogLevel.Information,
        Message = "MFA request {MfaRequestId} sent by {Channel}.")]
    public static partial void CodeSent(this ILogger logger, Guid mfaRequestId, MfaChannel channel);

    [LoggerMessage(EventId = 2, EventName = "CodeVerified", Level = LogLevel.Information,
        Message = "MFA request {MfaRequestId} verified: {Outcome}.")]
    public static partial void CodeVerified(this ILogger logger, Guid mfaRequestId, VerifyOutcome outcome);

    [LoggerMessage(EventId = 3, EventName = "RequestRejected", Level = LogLevel.Information,
        Message = "Request to {Path} rejected with {StatusCode}.")]
    public static partial void RequestRejected(this ILogger logger, string path, int statusCode);

    [LoggerMessage(EventId = 4, EventName = "FaultApplied", Level = LogLevel.Information,
        Message = "Fault {FaultKind} applied to a request to {Path}.")]
    public static partial void FaultApplied(this ILogger logger, EmulatorFaultKind faultKind, string path);
}
