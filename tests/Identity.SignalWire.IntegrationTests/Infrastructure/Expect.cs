using System.Net;
using System.Net.Http.Json;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

internal static class Expect
{
    /// <summary>Asserts the status code, showing the body when it differs, since that usually says why.</summary>
    public static async Task StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.RequestUri?.AbsolutePath}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts a 503 from the test app and returns what it said about the SignalWire failure.</summary>
    public static async Task<MfaFailure> MfaFailureAsync(HttpResponseMessage response)
    {
        await StatusAsync(HttpStatusCode.ServiceUnavailable, response);
        return await response.Content.ReadFromJsonAsync<MfaFailure>() ?? throw new InvalidOperationException("Empty 503 body.");
    }
}
