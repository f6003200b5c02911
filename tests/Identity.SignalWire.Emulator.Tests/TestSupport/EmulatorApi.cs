using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

/// <summary>
/// A plain HttpClient speaking SignalWire's wire format by hand, so that these tests pin down the emulator itself
/// rather than the library's client.
/// </summary>
internal sealed class EmulatorApi : IDisposable
{
    public const string Number = "+12015551234";

    private EmulatorApi(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static EmulatorApi For(SignalWireMfaEmulator emulator) =>
        WithCredentials(emulator, emulator.ProjectId, emulator.ApiToken);

    public static EmulatorApi WithCredentials(SignalWireMfaEmulator emulator, string? projectId, string? apiToken)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (projectId is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{projectId}:{apiToken}")));
        }

        return new EmulatorApi(http);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonObject body) => PostRawAsync(path, body.ToJsonString());

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends a code by SMS (or call) and returns the MFA request ID; fails the test on anything but 200.</summary>
    public async Task<string> SendAsync(JsonObject body, string channel = "sms")
    {
        using var response = await PostAsync($"mfa/{channel}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ReadJsonAsync(response);
        return json.GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> VerifyAsync(string id, string token) =>
        PostAsync($"mfa/{id}/verify", new JsonObject { ["token"] = token });

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a 422 in SignalWire's shape that names <paramref name="attribute"/>.</summary>
    public static async Task AssertValidationErrorAsync(HttpResponseMessage response, string? attribute)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.Equal("validation_error", error.GetProperty("type").GetString());
            Assert.Equal("invalid_parameter", error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.StartsWith("https://developer.signalwire.com/", error.GetProperty("url").GetString(), StringComparison.Ordinal);
        });

        var named = errors.Select(e => e.TryGetProperty("attribute", out var a) ? a.GetString() : null).ToList();
        if (attribute is null)
        {
            Assert.All(named, Assert.Null);
        }
        else
        {
            Assert.Contains(attribute, named);
        }
    }

    public void Dispose() => Http.Dispose();
}
