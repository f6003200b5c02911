using System.Net;
using System.Net.Http.Headers;

namespace Identity.SignalWire.Benchmarks.Infrastructure;

/// <summary>
/// SignalWire at the HTTP handler, with canned answers and no state: every send gets the same request id and every
/// verify succeeds. It serialises the request body, as a socket handler would to put it on the wire, so that the
/// floor and the library both pay for writing their JSON.
/// </summary>
public sealed class CannedSignalWireHandler : HttpMessageHandler
{
    public const string RequestId = "3f1c2a90-5b7e-4d21-9a43-7c0e8f6b1d25";

    private static readonly byte[] SendAnswer =
        """{"id":"3f1c2a90-5b7e-4d21-9a43-7c0e8f6b1d25","success":true,"to":"+12015550000","channel":"sms"}"""u8.ToArray();

    private static readonly byte[] VerifyAnswer = """{"success":true}"""u8.ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var isVerify = request.RequestUri!.AbsolutePath.EndsWith("/verify", StringComparison.Ordinal);
        var content = new ByteArrayContent(isVerify ? VerifyAnswer : SendAnswer);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
