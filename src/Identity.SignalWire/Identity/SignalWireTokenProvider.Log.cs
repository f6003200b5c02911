using Microsoft.Extensions.Logging;

namespace Identity.SignalWire;

internal abstract partial class SignalWireTokenProvider<TUser>
{
    // Purposes arrive here without numbers and numbers masked; codes are never passed to a log method.
    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Information, "Sent a {Channel} code for {Purpose} to {MaskedNumber}.", EventName = "CodeSent")]
        public static partial void CodeSent(ILogger logger, SignalWireMfaChannel channel, string purpose, string maskedNumber);

        [LoggerMessage(102, LogLevel.Information, "Refused a {Channel} code for {Purpose} without asking SignalWire: {Reason}.", EventName = "CodeRejected")]
        public static partial void Rejected(ILogger logger, SignalWireMfaChannel channel, string purpose, string reason);

        [LoggerMessage(103, LogLevel.Information, "Checked a {Channel} code for {Purpose}: {Result}.", EventName = "CodeChecked")]
        public static partial void Checked(ILogger logger, SignalWireMfaChannel channel, string purpose, SignalWireMfaVerifyResult result);

        [LoggerMessage(105, LogLevel.Information, "Sent a {Channel} code for {Purpose} to {MaskedNumber}, but a code requested after it is pending instead: this one will not be accepted.", EventName = "CodeSuperseded")]
        public static partial void CodeSuperseded(ILogger logger, SignalWireMfaChannel channel, string purpose, string maskedNumber);

        // The region only: a refused number may be a stranger's, and the log needs where, not whom.
        [LoggerMessage(104, LogLevel.Warning, "Refused to send a {Channel} code for {Purpose} to a number in region {Region}: {Limit}.", EventName = "SendRefused")]
        public static partial void SendRefused(ILogger logger, SignalWireMfaChannel channel, string purpose, string region, SignalWireSendLimit limit);
    }
}
