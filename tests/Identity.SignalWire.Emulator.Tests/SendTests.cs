using System.Net;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class SendTests
{
    [Theory]
    [InlineData("sms")]
    [InlineData("call")]
    public async Task Send_answers_200_with_id_success_to_and_channel(string channel)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostAsync($"mfa/{channel}", new JsonObject { ["to"] = EmulatorApi.Number });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await EmulatorApi.ReadJsonAsync(response);
        Assert.True(Guid.TryParse(body.GetProperty("id").GetString(), out _));
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(EmulatorApi.Number, body.GetProperty("to").GetString());
        Assert.Equal(channel, body.GetProperty("channel").GetString());
        Assert.Contains("\"to\":\"+12015551234\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_with_defaults_reaches_the_outbox_as_default_message_space_six_digit_code()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["from"] = "+12015557654" });

        var message = Assert.Single(emulator.Outbox);
        Assert.Equal(id, message.Id);
        Assert.Equal(MfaChannel.Sms, message.Channel);
        Assert.Equal(EmulatorApi.Number, message.To);
        Assert.Equal("+12015557654", message.From);
        Assert.Matches("^[0-9]{6}$", message.Code);
        Assert.Equal($"Your Personal Authorization Code is: {message.Code}", message.Text);
    }

    [Fact]
    public async Task Sms_with_a_message_shows_message_space_code()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["message"] = "Contoso code:" });

        var message = Assert.Single(emulator.Outbox);
        Assert.Equal($"Contoso code: {message.Code}", message.Text);
    }

    [Fact]
    public async Task Call_reads_the_default_message_then_the_code_digit_by_digit()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number }, "call");

        var message = Assert.Single(emulator.Outbox);
        Assert.Equal(MfaChannel.Call, message.Channel);
        Assert.Null(message.From);
        Assert.Equal($"Your Personal Authorization Code is {string.Join(' ', message.Code.ToCharArray())}", message.Text);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(20)]
    public async Task Token_length_sets_the_number_of_digits(int length)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = length });

        Assert.Matches($"^[0-9]{{{length}}}$", Assert.Single(emulator.Outbox).Code);
    }

    [Fact]
    public async Task Allow_alphas_draws_codes_from_digits_and_upper_case_letters()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        // Twenty 20-character codes: 400 draws from 36 symbols, so letters are all but certain to show up.
        for (var i = 0; i < 20; i++)
        {
            await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 20, ["allow_alphas"] = true });
        }

        Assert.All(emulator.Outbox, message => Assert.Matches("^[0-9A-Z]{20}$", message.Code));
        Assert.Contains(emulator.Outbox, message => message.Code.Any(char.IsAsciiLetterUpper));
    }

    [Fact]
    public async Task Misspelt_allow_alpha_is_ignored_like_the_real_service_does()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        for (var i = 0; i < 10; i++)
        {
            await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 20, ["allow_alpha"] = true });
        }

        Assert.All(emulator.Outbox, message => Assert.Matches("^[0-9]{20}$", message.Code));
    }

    [Fact]
    public async Task Test_numbers_always_get_their_fixed_code()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            TestNumbers = { ["+12015550001"] = "424242" },
        });
        using var api = EmulatorApi.For(emulator);

        var first = await api.SendAsync(new JsonObject { ["to"] = "+12015550001" });
        var second = await api.SendAsync(new JsonObject { ["to"] = "+12015550001", ["token_length"] = 8, ["allow_alphas"] = true }, "call");
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        Assert.Equal(["424242", "424242"], emulator.Outbox.Where(m => m.To == "+12015550001").Select(m => m.Code));
        using var verified = await api.VerifyAsync(second, "424242");
        Assert.True((await EmulatorApi.ReadJsonAsync(verified)).GetProperty("success").GetBoolean());
        Assert.NotEqual(first, second);
    }
}
