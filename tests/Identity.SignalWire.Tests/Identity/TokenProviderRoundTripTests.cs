using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Tests.Identity;

public sealed class TokenProviderRoundTripTests
{
    [Theory]
    [InlineData(SignalWireDefaults.SmsProviderName, "/api/relay/rest/mfa/sms")]
    [InlineData(SignalWireDefaults.CallProviderName, "/api/relay/rest/mfa/call")]
    public async Task A_code_sent_through_SignalWire_signs_the_user_in_once(string provider, string route)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var returned = await host.Users.GenerateTwoFactorTokenAsync(user, provider);

        Assert.Equal(string.Empty, returned);
        var send = Assert.Single(host.SignalWire.Requests);
        Assert.Equal(route, send.Path);
        Assert.Equal("https://example.signalwire.com" + route, send.Uri.AbsoluteUri);
        Assert.Equal("+12015550123", send.Json.GetProperty("to").GetString());
        Assert.Equal(6, send.Json.GetProperty("token_length").GetInt32());
        Assert.Equal(600, send.Json.GetProperty("valid_for").GetInt32());
        Assert.Equal(3, send.Json.GetProperty("max_attempts").GetInt32());
        Assert.False(send.Json.GetProperty("allow_alphas").GetBoolean());

        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, provider, "123456"));
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, provider, "123456"));
        Assert.Equal(1, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task Both_providers_are_offered_to_a_user_with_a_confirmed_number()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        var providers = await host.Users.GetValidTwoFactorProvidersAsync(user);

        Assert.Contains(SignalWireDefaults.SmsProviderName, providers);
        Assert.Contains(SignalWireDefaults.CallProviderName, providers);
    }

    [Fact]
    public async Task A_code_for_one_purpose_does_not_validate_another()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        await host.Users.GenerateUserTokenAsync(user, SignalWireDefaults.SmsProviderName, "TwoFactor");

        Assert.False(await host.Users.VerifyUserTokenAsync(user, SignalWireDefaults.SmsProviderName, "ResetPassword", "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.True(await host.Users.VerifyUserTokenAsync(user, SignalWireDefaults.SmsProviderName, "TwoFactor", "123456"));
    }

    [Fact]
    public async Task A_code_for_one_channel_does_not_validate_the_other()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task A_code_sent_to_one_user_does_not_sign_in_another()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var ada = await host.CreateUserAsync("ada@example.com", "+12015550123");
        var bob = await host.CreateUserAsync("bob@example.com", "+12015550199");

        await host.Users.GenerateTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(bob, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName, "123456"));
    }

    [Fact]
    public async Task A_code_sent_before_the_security_stamp_changed_is_refused_and_forgotten()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        await host.Users.UpdateSecurityStampAsync(user);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.All(host.PendingCodeWrites, write => Assert.Null(host.Cache.Get(write.Key)));
    }

    [Fact]
    public async Task A_second_code_replaces_the_first()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        host.SignalWire.NextCodes.Enqueue("111111");
        host.SignalWire.NextCodes.Enqueue("222222");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "111111"));
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "222222"));
        Assert.All(host.SignalWire.Requests.Where(r => r.Path.EndsWith("/verify", StringComparison.Ordinal)),
            verify => Assert.Equal("/api/relay/rest/mfa/req-2/verify", verify.Path));
    }

    [Fact]
    public async Task A_wrong_code_is_false_and_the_right_one_still_works_afterwards()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "654321"));
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(2, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task Not_found_at_SignalWire_is_false_and_removes_the_pending_code()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        host.SignalWire.AnswerNext(System.Net.HttpStatusCode.NotFound, FakeSignalWireHandler.NotFoundBody);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(1, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task No_pending_code_is_false_without_asking_SignalWire()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Empty(host.SignalWire.Requests);
    }

    [Fact]
    public async Task The_pending_code_expires_with_ValidFor_and_its_key_holds_no_user_id_email_or_number()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.ValidFor = TimeSpan.FromMinutes(3));
        var user = await host.CreateUserAsync("grace@example.com", "+12015550177");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        var (key, (value, entry)) = Assert.Single(host.PendingCodeWrites.Select(w => (w.Key, w.Value)));
        Assert.Equal(TimeSpan.FromMinutes(3), entry.AbsoluteExpirationRelativeToNow);
        Assert.StartsWith(SignalWireDefaults.CacheKeyPrefix, key, StringComparison.Ordinal);
        var stored = key + System.Text.Encoding.UTF8.GetString(value);
        foreach (var secret in new[] { user.Id, "grace", "2015550177", "TwoFactor", await host.Users.GetSecurityStampAsync(user) })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("req-1", stored, StringComparison.Ordinal);
        Assert.Equal(180, host.SignalWire.Requests.Single().Json.GetProperty("valid_for").GetInt32());
    }

    [Fact]
    public async Task The_cache_failing_is_an_exception_never_a_success()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        host.Cache.ThrowOnAccess = true;

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));

        Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, error.Kind);
        Assert.Equal("The cache is unreachable (test).", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Equal(0, host.SignalWire.VerifyCount);
    }
}
