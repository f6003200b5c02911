using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Components.Internal;

/// <summary>The components' log lines. No code and no full phone number is ever logged.</summary>
internal static partial class UILog
{
    [LoggerMessage(1, LogLevel.Warning, "Codes could not be {Action} ({Kind}, HTTP {StatusCode}).", EventName = "CodesUnavailable")]
    public static partial void CodesUnavailable(ILogger logger, string action, SignalWireMfaErrorKind kind, int? statusCode, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "A code was not sent: send limit {Limit}.", EventName = "SendRefused")]
    public static partial void SendRefused(ILogger logger, SignalWireSendLimit limit);

    [LoggerMessage(3, LogLevel.Information, "User with ID '{UserId}' {Event}.", EventName = "AccountEvent")]
    public static partial void AccountEvent(ILogger logger, string userId, string @event);

    [LoggerMessage(4, LogLevel.Warning, "User with ID '{UserId}' {Event}.", EventName = "AccountWarning")]
    public static partial void AccountWarning(ILogger logger, string userId, string @event);
}
