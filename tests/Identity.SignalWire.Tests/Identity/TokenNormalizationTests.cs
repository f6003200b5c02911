using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Identity;

public sealed class TokenNormalizationTests
{
    [Theory]
    [InlineData("123456")]
    [InlineData(" 123456 ")]
    [InlineData("123 456")]
    [InlineData("123-456")]
    [InlineData("\t12 34-56\n")]
    public async Task Spaces_and_dashes_are_dropped_before_the_code_is_checked(string typed)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, typed));
        Assert.Equal("123456", host.SignalWire.Requests.Last().Json.GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("12345６")]
    [InlineData("123.456")]
    public async Task Input_that_cannot_be_a_code_is_false_without_spending_an_attempt(string typed)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, typed));
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
    }

    [Fact]
    public async Task Alphanumeric_codes_are_upper_cased_and_asked_for_with_allow_alphas()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.AllowAlphas = true;
            options.TokenLength = 8;
        });
        var user = await host.CreateUserAsync();
        host.SignalWire.NextCodes.Enqueue("AB12CD34");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        var send = host.SignalWire.Requests.Single().Json;
        Assert.True(send.GetProperty("allow_alphas").GetBoolean());
        Assert.False(send.TryGetProperty("allow_alpha", out _));
        Assert.Equal(8, send.GetProperty("token_length").GetInt32());

        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "ab12-cd34"));
        Assert.Equal("AB12CD34", host.SignalWire.Requests.Last().Json.GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("123456", 6, false, "123456")]
    [InlineData("abc123", 6, true, "ABC123")]
    [InlineData("abc123", 6, false, null)]
    [InlineData("1234", 4, false, "1234")]
    [InlineData("12345678901234567890", 20, false, "12345678901234567890")]
    [InlineData("123456789012345678901", 20, false, null)]
    [InlineData("ÄB1234", 6, true, null)]
    [InlineData(null, 6, false, null)]
    public void Normalize_keeps_only_codes_of_the_configured_length_and_alphabet(string? input, int length, bool alphas, string? expected) =>
        Assert.Equal(expected, TwoFactorCode.Normalize(input, length, alphas));
}
