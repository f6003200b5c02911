namespace Identity.SignalWire.BlazorSample.SignalWire;

/// <summary>The sample's SignalWire log lines. No code and no full phone number is ever logged.</summary>
public static partial class SignInLog
{
    /// <summary>SignalWire, or the cache that holds pending codes, could not be used.</summary>
    [LoggerMessage(100, LogLevel.Warning, "Codes could not be {Action} ({Kind}, HTTP {StatusCode}).", EventName = "CodesUnavailable")]
    public static partial void CodesUnavailable(ILogger logger, string action, SignalWireMfaErrorKind kind, int? statusCode, Exception exception);

    /// <summary>A send budget refused a code.</summary>
    [LoggerMessage(101, LogLevel.Information, "A code was not sent: send limit {Limit}.", EventName = "SendRefused")]
    public static partial void SendRefused(ILogger logger, SignalWireSendLimit limit);
}
