using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>Each send budget, met where users meet it: UserManager asking for a code. A refusal reaches no one.</summary>
public sealed class SendBudgetTests
{
    [Fact]
    public async Task A_second_code_within_the_cooldown_is_refused_with_the_wait_and_no_call()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName));

        Assert.Equal(SignalWireSendLimit.ResendCooldown, refusal.Limit);
        Assert.Equal(SignalWireMfaErrorKind.SendLimitExceeded, refusal.Kind);
        Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Contains("SignalWire:ResendCooldown", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_send_SignalWire_failed_does_not_start_the_cooldown_but_still_counts()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.ResendCooldown = TimeSpan.FromSeconds(30);
            options.MaxSendsPerUser = 2;
        });
        var user = await host.CreateUserAsync();
        host.SignalWire.AnswerNext(System.Net.HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447700900123"));

        Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit);
        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task The_cooldown_is_per_purpose()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var user = await host.CreateUserAsync();

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447700900123");

        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_user_gets_at_most_MaxSendsPerUser_codes_in_the_window()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.MaxSendsPerUser = 3;
            options.UserSendWindow = TimeSpan.FromHours(1);
        });
        var user = await host.CreateUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        }

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447700900123"));

        Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit);
        Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(3, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_number_gets_at_most_MaxSendsPerNumber_codes_whoever_asks()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxSendsPerNumber = 2);
        var first = await host.CreateUserAsync("ada@example.com");
        var second = await host.CreateUserAsync("bob@example.com");
        var third = await host.CreateUserAsync("eve@example.com");

        // Three accounts ask for codes to one premium number: the pumping pattern.
        await host.Users.GenerateChangePhoneNumberTokenAsync(first, "+882351234567");
        await host.Users.GenerateChangePhoneNumberTokenAsync(second, "+882351234567");
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(third, "+882351234567"));

        Assert.Equal(SignalWireSendLimit.NumberBudget, refusal.Limit);
        Assert.DoesNotContain("882351234567", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Theory]
    [InlineData("+15555550123", true)]
    [InlineData("+447700900123", true)]
    [InlineData("+18765550123", true)]
    [InlineData("+353861234567", false)]
    [InlineData("+882351234567", false)]
    [InlineData("+4915112345678", false)]
    public async Task Only_numbers_with_an_allowed_calling_code_get_codes(string number, bool allowed)
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.AllowedCallingCodes.Add("1");
            options.AllowedCallingCodes.Add("44");
        });
        var user = await host.CreateUserAsync();

        if (allowed)
        {
            await host.Users.GenerateChangePhoneNumberTokenAsync(user, number);
            Assert.Equal(1, host.SignalWire.SendCount);
            return;
        }

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, number));
        Assert.Equal(SignalWireSendLimit.CallingCodeNotAllowed, refusal.Limit);
        Assert.Null(refusal.RetryAfter);
        Assert.Contains("allows +1, +44", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Theory]
    [InlineData("+15555550123", "1")]
    [InlineData("+79161234567", "7")]
    [InlineData("+447700900123", "44")]
    [InlineData("+4915112345678", "49")]
    [InlineData("+353861234567", "353")]
    [InlineData("+8613912345678", "86")]
    [InlineData("+85291234567", "852")]
    [InlineData("+2348031234567", "234")]
    public void The_calling_code_is_read_from_the_number(string number, string expected) =>
        Assert.Equal(expected, CallingCode.Of(number));
}
