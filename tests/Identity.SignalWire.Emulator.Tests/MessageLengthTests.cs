using System.Net;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

/// <summary>
/// The SMS must fit in ONE segment as the phone shows it: "message code". With the default six-digit code that
/// leaves 160 - 7 = 153 septets, or 70 - 7 = 63 UCS-2 units, for the message.
/// </summary>
public sealed class MessageLengthTests
{
    [Fact]
    public async Task Sms_message_that_exactly_fits_one_segment_with_the_code_is_accepted()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await SendSmsAsync(api, new string('a', 153));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(160, Assert.Single(emulator.Outbox).Text.Length);
    }

    [Fact]
    public async Task Sms_message_one_septet_too_long_gets_422_naming_message()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await SendSmsAsync(api, new string('a', 154));

        await EmulatorApi.AssertValidationErrorAsync(response, "message");
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Sms_room_depends_on_token_length()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var fits = await SendSmsAsync(api, new string('a', 139), tokenLength: 20);
        using var tooLong = await SendSmsAsync(api, new string('a', 140), tokenLength: 20);

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await EmulatorApi.AssertValidationErrorAsync(tooLong, "message");
    }

    [Fact]
    public async Task Euro_sign_counts_two_septets()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var fits = await SendSmsAsync(api, new string('a', 151) + "€");
        using var tooLong = await SendSmsAsync(api, new string('a', 152) + "€");

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        await EmulatorApi.AssertValidationErrorAsync(tooLong, "message");
    }

    [Fact]
    public async Task Emoji_switches_the_sms_to_70_utf16_units_and_counts_two()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var fits = await SendSmsAsync(api, "😀" + new string('a', 61));
        using var tooLong = await SendSmsAsync(api, "😀" + new string('a', 62));
        using var sameLengthInGsm7 = await SendSmsAsync(api, new string('a', 64));

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal("😀" + new string('a', 61) + " " + emulator.Outbox[0].Code, emulator.Outbox[0].Text);
        await EmulatorApi.AssertValidationErrorAsync(tooLong, "message");
        Assert.Equal(HttpStatusCode.OK, sameLengthInGsm7.StatusCode);
    }

    [Fact]
    public async Task Call_message_of_500_characters_is_accepted()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostAsync("mfa/call", new JsonObject { ["to"] = EmulatorApi.Number, ["message"] = new string('a', 500) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(new string('a', 500) + " ", Assert.Single(emulator.Outbox).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_message_of_501_characters_gets_422_naming_message()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostAsync("mfa/call", new JsonObject { ["to"] = EmulatorApi.Number, ["message"] = new string('a', 501) });

        await EmulatorApi.AssertValidationErrorAsync(response, "message");
        Assert.Empty(emulator.Outbox);
    }

    private static Task<HttpResponseMessage> SendSmsAsync(EmulatorApi api, string message, int? tokenLength = null)
    {
        var body = new JsonObject { ["to"] = EmulatorApi.Number, ["message"] = message };
        if (tokenLength is { } length)
        {
            body["token_length"] = length;
        }

        return api.PostAsync("mfa/sms", body);
    }
}
