using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Identity;

public sealed class DestinationTests
{
    [Fact]
    public async Task Confirming_a_new_number_sends_the_code_to_that_number_and_changes_it_on_success()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        var returned = await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");

        Assert.Equal(string.Empty, returned);
        var send = Assert.Single(host.SignalWire.Requests);
        Assert.Equal("/api/relay/rest/mfa/sms", send.Path);
        Assert.Equal("+447400123456", send.Json.GetProperty("to").GetString());

        var result = await host.Users.ChangePhoneNumberAsync(user, "+447400123456", "123456");

        Assert.True(result.Succeeded);
        Assert.Equal("+447400123456", await host.Users.GetPhoneNumberAsync(user));
        Assert.True(await host.Users.IsPhoneNumberConfirmedAsync(user));
    }

    [Fact]
    public async Task A_code_for_one_new_number_does_not_confirm_another()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");

        var result = await host.Users.ChangePhoneNumberAsync(user, "+447400123999", "123456");

        Assert.False(result.Succeeded);
        Assert.Equal("+12015550123", await host.Users.GetPhoneNumberAsync(user));
        Assert.Equal(0, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task A_number_typed_with_spaces_dashes_dots_and_parentheses_is_sent_in_E164()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: "+1 (201) 555-01.23");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.Equal("+12015550123", host.SignalWire.Requests.Single().Json.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("4155550123")]
    [InlineData("0044 7400 123456")]
    [InlineData("+0 555 555 0123")]
    [InlineData("+1201555012345678")]
    [InlineData("+1555x550123")]
    public async Task A_number_that_is_not_E164_is_a_clear_error_with_the_number_masked_and_no_call(string stored)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: stored);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        Assert.Contains("E.164", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string(stored.Where(char.IsAsciiDigit).ToArray()), error.Message, StringComparison.Ordinal);
        Assert.Empty(host.SignalWire.Requests);
        Assert.DoesNotContain(SignalWireDefaults.SmsProviderName, await host.Users.GetValidTwoFactorProvidersAsync(user));
    }

    [Fact]
    public async Task A_new_number_that_is_not_E164_is_refused_before_any_call()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "07700 900123"));

        Assert.Contains("The number to confirm (*********23)", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.SignalWire.Requests);
    }

    [Fact]
    public async Task An_unconfirmed_number_gets_no_two_factor_code_while_confirmation_is_required()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneConfirmed: false);

        Assert.Empty(await host.Users.GetValidTwoFactorProvidersAsync(user));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName));
        Assert.Contains("not confirmed", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.SignalWire.Requests);
    }

    [Fact]
    public async Task An_unconfirmed_number_can_be_used_when_confirmation_is_not_required()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.RequireConfirmedPhoneNumber = false);
        var user = await host.CreateUserAsync(phoneConfirmed: false);

        Assert.Contains(SignalWireDefaults.CallProviderName, await host.Users.GetValidTwoFactorProvidersAsync(user));
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);
        Assert.Equal(1, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_user_without_a_number_cannot_get_a_code()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: null);

        Assert.Empty(await host.Users.GetValidTwoFactorProvidersAsync(user));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        Assert.Empty(host.SignalWire.Requests);
    }
}
