using System.Net;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Request_without_credentials_gets_401_in_SignalWire_shape()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.WithCredentials(emulator, projectId: null, apiToken: null);

        using var response = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number });

        await AssertUnauthorizedAsync(response);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(emulator.Outbox);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Request_with_a_wrong_project_id_or_token_gets_401(bool rightProject, bool rightToken)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            ProjectId = "project",
            ApiToken = "PTsecret",
        });
        using var api = EmulatorApi.WithCredentials(
            emulator,
            rightProject ? "project" : "other",
            rightToken ? "PTsecret" : "PTSECRET");

        using var send = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number });
        using var verify = await api.VerifyAsync(Guid.NewGuid().ToString(), "123456");

        await AssertUnauthorizedAsync(send);
        await AssertUnauthorizedAsync(verify);
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Configured_credentials_are_accepted_and_unset_ones_are_generated()
    {
        await using var configured = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            ProjectId = "project",
            ApiToken = "PTsecret",
        });
        await using var generated = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.WithCredentials(configured, "project", "PTsecret");

        using var response = await api.PostAsync("mfa/sms", new JsonObject { ["to"] = EmulatorApi.Number });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Guid.TryParse(generated.ProjectId, out _));
        Assert.StartsWith("PT", generated.ApiToken, StringComparison.Ordinal);
        Assert.True(generated.ApiToken.Length >= 32);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = Assert.Single((await EmulatorApi.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Equal("Unauthorized", error.GetProperty("message").GetString());
    }
}
