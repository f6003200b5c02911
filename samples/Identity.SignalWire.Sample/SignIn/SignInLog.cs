namespace Identity.SignalWire.Sample.SignIn;

/// <summary>The sample's log lines. No code and no full phone number is ever logged.</summary>
public static partial class SignInLog
{
    /// <summary>SignalWire or the site's cache could not be used; the kind says which.</summary>
    [LoggerMessage(10, LogLevel.Warning, "A code could not be sent or checked ({Kind}, HTTP {StatusCode}) while {Action}.", EventName = "SignalWireFailed")]
    public static partial void SignalWireFailed(ILogger logger, SignalWireMfaErrorKind kind, int? statusCode, string action, Exception exception);

    /// <summary>A send budget refused a code.</summary>
    [LoggerMessage(11, LogLevel.Information, "A code was not sent: send limit {Limit}.", EventName = "SendRefused")]
    public static partial void SendRefused(ILogger logger, SignalWireSendLimit limit);

    /// <summary>A user was locked out.</summary>
    [LoggerMessage(12, LogLevel.Warning, "A user was locked out after too many wrong codes.", EventName = "LockedOut")]
    public static partial void LockedOut(ILogger logger);
}
