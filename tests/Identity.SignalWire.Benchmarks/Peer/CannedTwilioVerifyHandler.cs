using System.Net;
using System.Net.Http.Headers;

namespace Identity.SignalWire.Benchmarks.Peer;

/// <summary>
/// Twilio Verify at the HTTP handler, as <see cref="Infrastructure.CannedSignalWireHandler"/> is SignalWire: canned
/// answers, no state. A new verification is answered "pending" and every check "approved", with the fields and the
/// 201 status Twilio's API reference shows. It reads the request body, as a socket handler would to put it on the wire.
/// </summary>
public sealed class CannedTwilioVerifyHandler : HttpMessageHandler
{
    public const string ServiceSid = "VA0123456789abcdef0123456789abcdef";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    private static readonly byte[] VerificationAnswer = """
        {"sid":"VE0123456789abcdef0123456789abcdef","service_sid":"VA0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef","to":"+12012000000","channel":"sms","status":"pending","valid":false,"date_created":"2026-11-03T09:41:27Z","date_updated":"2026-11-03T09:41:27Z","lookup":{},"amount":null,"payee":null,"send_code_attempts":[{"attempt_sid":"VL0123456789abcdef0123456789abcdef","channel":"sms","time":"2026-11-03T09:41:27.000Z"}],"sna":null,"url":"https://verify.twilio.com/v2/Services/VA0123456789abcdef0123456789abcdef/Verifications/VE0123456789abcdef0123456789abcdef"}
        """u8.ToArray();

    private static readonly byte[] CheckAnswer = """
        {"sid":"VE0123456789abcdef0123456789abcdef","service_sid":"VA0123456789abcdef0123456789abcdef","account_sid":"AC0123456789abcdef0123456789abcdef","to":"+12012000000","channel":"sms","status":"approved","valid":true,"amount":null,"payee":null,"sna_attempts_error_codes":[],"date_created":"2026-11-03T09:41:27Z","date_updated":"2026-11-03T09:42:05Z"}
        """u8.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var isCheck = request.RequestUri!.AbsolutePath.EndsWith("/VerificationCheck", StringComparison.Ordinal);
        var content = new ByteArrayContent(isCheck ? CheckAnswer : VerificationAnswer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = content, RequestMessage = request };
    }
}
