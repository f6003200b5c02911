using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Identity.SignalWire.Tests.Infrastructure;

/// <summary>
/// A SignalWire MFA API in a message handler, for unit tests: it hands out request ids, remembers the code of each,
/// answers verify calls, and records every request. Tests queue canned answers to play faults.
/// </summary>
internal sealed class FakeSignalWireHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Issued> _issued = new();
    private int _nextId;

    /// <summary>SignalWire's 404 to a verify of a spent, expired or unknown request: JSON, as the emulator answers it.</summary>
    public const string NotFoundBody = """{"error":"Not Found"}""";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Codes to hand out, in order; "123456" once the queue is empty.</summary>
    public ConcurrentQueue<string> NextCodes { get; } = new();

    /// <summary>Answers to give instead of the normal ones, in order, one a request.</summary>
    public ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> Overrides { get; } = new();

    /// <summary>Verify calls a code allows, the first included, as SignalWire's max_attempts; unlimited when 0.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>
    /// Runs once a request has its default answer (not a queued one) and before that answer is returned: a test delays
    /// or holds it, to play a SignalWire that answers slowly, or throws, to play one that cannot be reached.
    /// </summary>
    public Func<RecordedRequest, Task>? BeforeAnswering { get; set; }

    public int SendCount => Requests.Count(r => r.Path.EndsWith("/mfa/sms", StringComparison.Ordinal) || r.Path.EndsWith("/mfa/call", StringComparison.Ordinal));

    public int VerifyCount => Requests.Count(r => r.Path.EndsWith("/verify", StringComparison.Ordinal));

    public void AnswerNext(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? adjust = null) =>
        Overrides.Enqueue((_, _) =>
        {
            var response = Json(status, body);
            adjust?.Invoke(response);
            return Task.FromResult(response);
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!.AbsolutePath,
            request.RequestUri,
            body,
            request.Headers.Authorization?.ToString(),
            request.Headers.UserAgent.ToString(),
            request.Content?.Headers.ContentType?.MediaType);
        Requests.Enqueue(recorded);

        if (Overrides.TryDequeue(out var answer))
        {
            return await answer(request, cancellationToken);
        }

        var response = AnswerOf(recorded);
        try
        {
            if (BeforeAnswering is { } wait)
            {
                await wait(recorded);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    private HttpResponseMessage AnswerOf(RecordedRequest recorded)
    {
        using var json = JsonDocument.Parse(recorded.Body);
        var path = recorded.Path;
        if (path.EndsWith("/mfa/sms", StringComparison.Ordinal) || path.EndsWith("/mfa/call", StringComparison.Ordinal))
        {
            var id = $"req-{Interlocked.Increment(ref _nextId)}";
            var code = NextCodes.TryDequeue(out var next) ? next : "123456";
            _issued[id] = new Issued(code);
            var to = json.RootElement.GetProperty("to").GetString();
            var channel = path.EndsWith("/sms", StringComparison.Ordinal) ? "sms" : "call";
            return Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { id, success = true, to, channel }));
        }

        if (path.EndsWith("/verify", StringComparison.Ordinal))
        {
            var id = path.Split('/')[^2];
            if (!_issued.TryGetValue(id, out var issued) || issued.Used)
            {
                return Json(HttpStatusCode.NotFound, "{\"errors\":[{\"code\":\"not_found\"}]}");
            }

            var token = json.RootElement.GetProperty("token").GetString();
            var success = token == issued.Code;
            issued.Attempts++;
            issued.Used = success || (MaxAttempts > 0 && issued.Attempts >= MaxAttempts);
            return Json(HttpStatusCode.OK, success ? "{\"success\":true}" : "{\"success\":false}");
        }

        return Json(HttpStatusCode.NotFound, string.Empty);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Issued(string code)
    {
        public string Code { get; } = code;

        public bool Used { get; set; }

        public int Attempts { get; set; }
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method,
    string Path,
    Uri Uri,
    string Body,
    string? Authorization,
    string UserAgent,
    string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
