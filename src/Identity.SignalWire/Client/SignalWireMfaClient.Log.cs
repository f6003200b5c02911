using Microsoft.Extensions.Logging;

namespace Identity.SignalWire;

internal sealed partial class SignalWireMfaClient
{
    // Numbers arrive here already masked; codes and the API token are never passed to a log method.
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "SignalWire accepted a {Channel} code request to {MaskedNumber}: request {RequestId}, {ElapsedMilliseconds:0} ms.", EventName = "CodeRequested")]
        public static partial void CodeRequested(ILogger logger, SignalWireMfaChannel channel, string maskedNumber, string requestId, double elapsedMilliseconds);

        [LoggerMessage(2, LogLevel.Information, "SignalWire checked a code for request {RequestId}: {Result}, {ElapsedMilliseconds:0} ms.", EventName = "CodeVerified")]
        public static partial void CodeVerified(ILogger logger, string requestId, SignalWireMfaVerifyResult result, double elapsedMilliseconds);

        [LoggerMessage(3, LogLevel.Warning, "SignalWire refused {Operation} with {StatusCode} ({Kind}, code {ErrorCode}).", EventName = "Refused")]
        public static partial void Refused(ILogger logger, string operation, int statusCode, SignalWireMfaErrorKind kind, string? errorCode);

        [LoggerMessage(4, LogLevel.Warning, "SignalWire gave no answer to {Operation}: {Reason} after {ElapsedMilliseconds:0} ms.", EventName = "NoAnswer")]
        public static partial void NoAnswer(ILogger logger, string operation, string reason, double elapsedMilliseconds);

        [LoggerMessage(5, LogLevel.Warning, "SignalWire's answer to {Operation} ({StatusCode}) could not be read.", EventName = "Unreadable")]
        public static partial void Unreadable(ILogger logger, string operation, int statusCode);
    }
}
