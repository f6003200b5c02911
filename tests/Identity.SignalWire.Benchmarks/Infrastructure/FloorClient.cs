using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Identity.SignalWire.Performance;

/// <summary>
/// The floor: the least code that calls SignalWire's MFA API — one POST of the same JSON the library sends, with the
/// same Basic auth header, and a parse of the same answer. No budgets, no cache, no hashing, no telemetry, no
/// Identity. Whatever the library costs above this is its overhead.
/// </summary>
public sealed class FloorClient(HttpMessageHandler handler, Uri baseAddress, string projectId, string apiToken)
{
    private readonly HttpClient _http = new(handler, disposeHandler: false);
    private readonly Uri _sendUri = new(baseAddress, "mfa/sms");
    private readonly AuthenticationHeaderValue _authorization =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{projectId}:{apiToken}")));

    public async Task<string> SendAsync(string to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sendUri)
        {
            Content = JsonContent.Create(
                new FloorSendBody(to, TokenLength: 6, ValidFor: 600, MaxAttempts: 3, AllowAlphas: false),
                FloorJsonContext.Default.FloorSendBody),
        };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync(FloorJsonContext.Default.FloorSendAnswer);
        return answer?.Id ?? throw new InvalidOperationException("The send answer has no id.");
    }

    public async Task<bool> VerifyAsync(string requestId, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_sendUri, $"{requestId}/verify"))
        {
            Content = JsonContent.Create(new FloorVerifyBody(code), FloorJsonContext.Default.FloorVerifyBody),
        };
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync(FloorJsonContext.Default.FloorVerifyAnswer);
        return answer?.Success == true;
    }
}

internal sealed record FloorSendBody(string To, int TokenLength, int ValidFor, int MaxAttempts, bool AllowAlphas);

internal sealed record FloorSendAnswer(string? Id, bool? Success, string? To, string? Channel);

internal sealed record FloorVerifyBody(string Token);

internal sealed record FloorVerifyAnswer(bool? Success);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FloorSendBody))]
[JsonSerializable(typeof(FloorSendAnswer))]
[JsonSerializable(typeof(FloorVerifyBody))]
[JsonSerializable(typeof(FloorVerifyAnswer))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
