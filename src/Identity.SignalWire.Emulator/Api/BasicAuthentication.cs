using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.Emulator;

/// <summary>HTTP Basic auth as SignalWire does it: user name = project ID, password = API token.</summary>
internal static class BasicAuthentication
{
    public static bool IsAuthorized(HttpRequest request, SignalWireMfaEmulatorState state)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // Both compared in full, in constant time, so that the emulator is no worse than the real service to copy.
        var projectMatches = FixedTimeEquals(credentials[..colon], state.ProjectId);
        var tokenMatches = FixedTimeEquals(credentials[(colon + 1)..], state.ApiToken);
        return projectMatches & tokenMatches;
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
