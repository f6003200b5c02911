using System.Net;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string, string, string> InvalidFields => new()
    {
        // channel, body, attribute named in the 422
        { "sms", """{}""", "to" },
        { "sms", """{"to":"15551234567"}""", "to" },
        { "call", """{"to":"+05551234567"}""", "to" },
        { "sms", """{"to":"+1234567890123456"}""", "to" },
        { "sms", """{"to":"+1 201 555 1234"}""", "to" },
        { "sms", """{"to":15551234567}""", "to" },
        { "sms", """{"to":"+12015551234","from":"5557654321"}""", "from" },
        { "call", """{"to":"+12015551234","from":"+1555-765"}""", "from" },
        { "sms", """{"to":"+12015551234","token_length":3}""", "token_length" },
        { "call", """{"to":"+12015551234","token_length":21}""", "token_length" },
        { "sms", """{"to":"+12015551234","token_length":"6"}""", "token_length" },
        { "sms", """{"to":"+12015551234","token_length":6.5}""", "token_length" },
        { "sms", """{"to":"+12015551234","valid_for":0}""", "valid_for" },
        { "call", """{"to":"+12015551234","valid_for":604801}""", "valid_for" },
        { "sms", """{"to":"+12015551234","valid_for":"3600"}""", "valid_for" },
        { "sms", """{"to":"+12015551234","max_attempts":0}""", "max_attempts" },
        { "call", """{"to":"+12015551234","max_attempts":21}""", "max_attempts" },
        { "sms", """{"to":"+12015551234","allow_alphas":"true"}""", "allow_alphas" },
        { "sms", """{"to":"+12015551234","message":42}""", "message" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_field_gets_422_naming_the_attribute(string channel, string body, string attribute)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostRawAsync($"mfa/{channel}", body);

        await EmulatorApi.AssertValidationErrorAsync(response, attribute);
        Assert.Empty(emulator.Outbox);
    }

    [Theory]
    [InlineData("""{"to":"+12015551234","token_length":4,"valid_for":1,"max_attempts":1}""")]
    [InlineData("""{"to":"+12015551234","token_length":20,"valid_for":604800,"max_attempts":20}""")]
    [InlineData("""{"to":"+12","from":"+123456789012345"}""")]
    [InlineData("""{"to":"+12015551234","from":null,"message":null,"allow_alphas":false}""")]
    public async Task Values_at_the_edges_of_each_range_are_accepted(string body)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostRawAsync("mfa/sms", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(emulator.Outbox);
    }

    [Theory]
    [InlineData("""{"to":""")]
    [InlineData("""not json""")]
    [InlineData("""["+12015551234"]""")]
    [InlineData("""null""")]
    public async Task Malformed_body_gets_422_without_an_attribute(string body)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostRawAsync("mfa/sms", body);

        await EmulatorApi.AssertValidationErrorAsync(response, attribute: null);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostRawAsync("mfa/sms", """{"to":"nope","from":"nope","token_length":2,"valid_for":-1,"max_attempts":99}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var attributes = (await EmulatorApi.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("attribute").GetString());
        Assert.Equal(["to", "from", "token_length", "valid_for", "max_attempts"], attributes);
    }

    [Fact]
    public async Task Verify_without_a_token_gets_422_naming_token()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        using var missing = await api.PostRawAsync($"mfa/{id}/verify", "{}");
        using var wrongType = await api.PostRawAsync($"mfa/{id}/verify", """{"token":123456}""");

        await EmulatorApi.AssertValidationErrorAsync(missing, "token");
        await EmulatorApi.AssertValidationErrorAsync(wrongType, "token");
    }
}
