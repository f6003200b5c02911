using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire;

/// <summary>
/// Reads the bodies and query values of <c>MapSignalWireIdentityApi</c>'s endpoints. The framework's own binding
/// answers a malformed body with a bare 400 (or throws, with <c>ThrowOnBadRequest</c>); these answer it with a
/// validation problem, whatever the application's settings.
/// </summary>
internal static class IdentityApiRequests
{
    /// <summary>The body as <typeparamref name="T"/>, or the 400 problem to answer.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, IdentityApiProblems.Invalid("body", "send a JSON object with Content-Type: application/json."));
        }

        try
        {
            var body = await request.ReadFromJsonAsync(type, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, IdentityApiProblems.Invalid("body", "send a JSON object, not null.")) : (body, null);
        }
        catch (JsonException exception)
        {
            // The path names the field ("$.channel"); the message may quote the input, so it is not echoed.
            return (null, IdentityApiProblems.Invalid(exception.Path is { Length: > 2 } path ? path[2..] : "body", "a field has the wrong type, or the JSON is malformed."));
        }
        catch (BadHttpRequestException)
        {
            // Too large, cut short, or not UTF-8.
            return (null, IdentityApiProblems.Invalid("body", "the body could not be read."));
        }
    }

    /// <summary>
    /// <c>useCookies</c> and <c>useSessionCookies</c>, as <c>/login</c> reads them: absent is <see langword="false"/>;
    /// anything but <c>true</c> or <c>false</c> is refused.
    /// </summary>
    public static bool TryReadFlag(string? value, out bool flag)
    {
        flag = false;
        return string.IsNullOrEmpty(value) || bool.TryParse(value, out flag);
    }

    /// <summary><c>sms</c> (also when absent) or <c>call</c>; <see langword="null"/> for anything else.</summary>
    public static SignalWireMfaChannel? ReadChannel(string? channel) => channel?.ToUpperInvariant() switch
    {
        null or "SMS" => SignalWireMfaChannel.Sms,
        "CALL" => SignalWireMfaChannel.Call,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="email"/> can be an account's e-mail address: one <c>@</c>, no spaces or control characters,
    /// at most 256 characters. Anything else is a malformed request, not a wrong password.
    /// </summary>
    public static bool IsEmailShaped(string? email) =>
        email is { Length: > 2 and <= 256 }
        && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < email.Length - 1
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>
    /// Whether <paramref name="code"/> can be a recovery code: letters, digits, dashes and spaces, at most 64 characters.
    /// Anything else is refused before it reaches a check, so it is not counted toward lockout.
    /// </summary>
    public static bool IsRecoveryCodeShaped(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ');

    /// <summary>How a channel is written in these bodies.</summary>
    public static string ChannelName(SignalWireMfaChannel channel) => channel == SignalWireMfaChannel.Call ? "call" : "sms";


    /// <summary>The pending code as a client reads it.</summary>
    public static PendingCodeResponse Describe(string purpose, SignalWirePendingCode pending) => new(
        purpose,
        ChannelName(pending.Channel),
        pending.MaskedDestination,
        pending.SentAt,
        pending.ExpiresAt,
        pending.AttemptsLeft,
        pending.NextSendAt);
}
