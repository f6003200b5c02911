using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>Numbers that never get a code: each refusal names its rule, masks the number and sends nothing.</summary>
public sealed class DestinationPolicyTests
{
    [Theory]
    [InlineData("+1 123 456 7890")]
    [InlineData("+15555550123")]
    [InlineData("+447700900123")]
    public async Task A_number_that_cannot_exist_is_refused_before_any_send(string number)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, number));

        Assert.Equal(SignalWireSendLimit.InvalidNumber, refusal.Limit);
        Assert.Null(refusal.RetryAfter);
        Assert.Contains("not a valid phone number", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(E164PhoneNumber.Mask(number.Replace(" ", string.Empty, StringComparison.Ordinal)), refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(number[3..], refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Theory]
    [InlineData("+19005550123", "US")]
    [InlineData("+449098790000", "GB")]
    public async Task Premium_rate_numbers_are_refused_by_default(string number, string region)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, number));

        Assert.Equal(SignalWireSendLimit.NumberTypeNotAllowed, refusal.Limit);
        Assert.Contains("PremiumRate", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(number[1..], refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
        var logged = Assert.Single(host.Logs.GetSnapshot(), log => log.Id.Name == "SendRefused");
        Assert.Contains("region " + region, logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(number[^4..], logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_cost_numbers_are_refused_by_default()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+33884012345"));

        Assert.Equal(SignalWireSendLimit.NumberTypeNotAllowed, refusal.Limit);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Theory]
    [InlineData("+445612345678", SignalWireNumberType.Voip)]
    [InlineData("+447640123456", SignalWireNumberType.Pager)]
    [InlineData("+445512345678", SignalWireNumberType.Uan)]
    public async Task The_site_can_refuse_more_kinds_of_number(string number, SignalWireNumberType type)
    {
        await using var allowing = await IdentityTestHost.StartAsync();
        await allowing.Users.GenerateChangePhoneNumberTokenAsync(await allowing.CreateUserAsync(), number);
        Assert.Equal(1, allowing.SignalWire.SendCount);

        await using var host = await IdentityTestHost.StartAsync(options => options.RefusedNumberTypes.Add(type));
        var user = await host.CreateUserAsync();
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, number));

        Assert.Equal(SignalWireSendLimit.NumberTypeNotAllowed, refusal.Limit);
        Assert.Contains(type.ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Theory]
    [InlineData("+12015550123", true)] // US
    [InlineData("+16135550123", true)] // CA
    [InlineData("+12642351234", false)] // Anguilla: +1, but not the US or Canada
    [InlineData("+18765550123", false)] // Jamaica
    [InlineData("+447400123456", false)]
    public async Task Only_numbers_in_an_allowed_region_get_codes(string number, bool allowed)
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.AllowedRegions.Add("US");
            options.AllowedRegions.Add("ca");
        });
        var user = await host.CreateUserAsync();

        if (allowed)
        {
            await host.Users.GenerateChangePhoneNumberTokenAsync(user, number);
            Assert.Equal(1, host.SignalWire.SendCount);
            return;
        }

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, number));
        Assert.Equal(SignalWireSendLimit.RegionNotAllowed, refusal.Limit);
        Assert.Null(refusal.RetryAfter);
        Assert.Contains("SignalWire:AllowedRegions allows US, ca", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(number[1..], refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_refusal_by_a_rule_charges_no_budget()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxConfirmationSendsPerUser = 1;
            options.ResendCooldown = TimeSpan.FromSeconds(30);
        });
        var user = await host.CreateUserAsync();

        await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+19005550123"));
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");

        Assert.Equal(1, host.SignalWire.SendCount);
    }
}
