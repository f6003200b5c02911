using System.Net;
using System.Text;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Client;

/// <summary>Answers SignalWire did not give, or that cannot be read, are the service being unavailable, never a verdict.</summary>
public sealed class UnknownAnswerTests
{
    private static SignalWireMfaCodeRequest ToAda => new() { To = "+12015550123" };

    // Regression: a proxy's 404 page on verify returned false, which counted toward lockout and dropped the pending code.
    [Theory]
    [InlineData("<html><body><h1>404 Not Found</h1></body></html>", "text/html")]
    [InlineData("Not Found", "text/plain")]
    [InlineData("", "text/plain")]
    [InlineData("[]", "application/json")]
    public async Task A_404_that_is_not_SignalWires_JSON_is_unavailable_on_both_calls(string body, string mediaType)
    {
        using var context = new ClientTestContext();
        for (var i = 0; i < 2; i++)
        {
            context.Handler.Overrides.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent(body, Encoding.UTF8, mediaType),
            }));
        }

        var verify = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        var send = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.All(new[] { verify, send }, error =>
        {
            Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
            Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
            Assert.Contains("proxy", error.Message, StringComparison.Ordinal);
        });
    }

    // Regression: an unknown charset escaped as InvalidOperationException, so the cooldown was not released.
    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task An_unknown_charset_is_unavailable_whatever_the_status(HttpStatusCode status)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(status, """{"success":false}""", response =>
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "x-unknown-charset" });

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("charset 'x-unknown-charset'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("\"UTF-8\"")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task A_known_charset_is_decoded(string charset)
    {
        using var context = new ClientTestContext();
        var encoding = Encoding.GetEncoding(charset.Trim('"'));
        context.Handler.Overrides.Enqueue((_, _) =>
        {
            var content = new ByteArrayContent(encoding.GetBytes("""{"success":true}"""));
            content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });

        Assert.Equal(SignalWireMfaVerifyResult.Valid, await context.Client.VerifyAsync("req-1", "123456"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KiB_is_unavailable_with_or_without_a_length(bool declaresLength)
    {
        using var context = new ClientTestContext();
        var padding = new string(' ', AnswerBody.MaxBytes);
        context.Handler.Overrides.Enqueue((_, _) =>
        {
            var bytes = Encoding.UTF8.GetBytes("""{"success":true}""" + padding);
            HttpContent content = declaresLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.Contains("larger than 64 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_breaks_while_it_is_read_is_unavailable()
    {
        using var context = new ClientTestContext();
        context.Handler.Overrides.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new BrokenStream()),
        }));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Theory]
    [InlineData("""{"errors":[{"code":"invalid_parameter","message":"Token 4821 is not valid","attribute":"token"}]}""")]
    [InlineData("""{"errors":[{"code":"4821","message":"rejected: 4821","attribute":"4821"}]}""")]
    [InlineData("""{"message":"token abc4821xyz rejected"}""")]
    public async Task The_code_the_user_typed_never_reaches_the_exception_even_when_SignalWire_echoes_it(string body)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity, body.Replace("abc4821xyz", "ABC4821XYZ", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", body.Contains("abc4821xyz", StringComparison.Ordinal) ? "abc4821xyz" : "4821"));

        Assert.DoesNotContain("4821", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4821", error.ErrorCode ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("4821", error.Attribute ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(context.Logs.GetSnapshot(), record => record.Message.Contains("4821", StringComparison.Ordinal));
        Assert.Equal(SignalWireMfaErrorKind.InvalidRequest, error.Kind);
    }

    [Fact]
    public async Task The_registered_client_enforces_a_Timeout_longer_than_HttpClients_default_100_seconds()
    {
        using var context = new ClientTestContext(options => options.Timeout = TimeSpan.FromMinutes(5));

        var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(SignalWireDefaults.HttpClientName);

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
        Assert.NotNull(context.Client);
    }

    [Fact]
    public void A_hand_built_client_refuses_an_HttpClient_that_would_cut_Timeout_short()
    {
        var endpoint = new SignalWireEndpoint(new SignalWireMfaOptions { SpaceName = "example", Timeout = TimeSpan.FromSeconds(30) });
        var telemetry = new SignalWireTelemetry(null);
        using var shortClient = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var infinite = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        var error = Assert.Throws<ArgumentException>(() => new SignalWireMfaClient(shortClient, endpoint, NullLogger<SignalWireMfaClient>.Instance, telemetry, new SignalWireCallOutcomes()));

        Assert.Equal("httpClient", error.ParamName);
        Assert.Contains("shorter than SignalWire:Timeout (30 s)", error.Message, StringComparison.Ordinal);
        Assert.NotNull(new SignalWireMfaClient(infinite, endpoint, NullLogger<SignalWireMfaClient>.Instance, telemetry, new SignalWireCallOutcomes()));
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidDataException("The compressed body is corrupt.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidDataException("The compressed body is corrupt.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
