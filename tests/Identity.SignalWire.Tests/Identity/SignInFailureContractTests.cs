using System.Net;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// What a user meets at the code step of SignInManager: a wrong code counts toward lockout, an outage does not.
/// </summary>
public sealed class SignInFailureContractTests
{
    private static async Task<(IdentityTestHost Host, IdentityUser User)> AtTheCodeStepAsync()
    {
        var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(withPassword: true);
        var password = await host.SignIn.PasswordSignInAsync(user.UserName!, IdentityTestHost.Password, isPersistent: false, lockoutOnFailure: true);
        Assert.True(password.RequiresTwoFactor);
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        return (host, user);
    }

    [Fact]
    public async Task The_right_code_signs_the_user_in()
    {
        var (host, user) = await AtTheCodeStepAsync();
        await using var _ = host;

        var result = await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "123456", isPersistent: false, rememberClient: false);

        Assert.True(result.Succeeded);
        Assert.True(host.Authentication.IsSignedIn(IdentityConstants.ApplicationScheme));
        Assert.Equal(0, await host.Users.GetAccessFailedCountAsync(user));
    }

    [Fact]
    public async Task A_wrong_code_fails_and_counts_toward_lockout()
    {
        var (host, user) = await AtTheCodeStepAsync();
        await using var _ = host;

        var result = await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "000000", isPersistent: false, rememberClient: false);

        Assert.False(result.Succeeded);
        Assert.Equal(1, await host.Users.GetAccessFailedCountAsync(user));
        Assert.False(host.Authentication.IsSignedIn(IdentityConstants.ApplicationScheme));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, SignalWireMfaErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, SignalWireMfaErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, SignalWireMfaErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.Unauthorized, SignalWireMfaErrorKind.Unauthorized)]
    public async Task SignalWire_failing_during_TwoFactorSignInAsync_throws_and_leaves_AccessFailedCount_unchanged(
        HttpStatusCode status, SignalWireMfaErrorKind kind)
    {
        var (host, user) = await AtTheCodeStepAsync();
        await using var _ = host;
        host.SignalWire.AnswerNext(status, "{\"error\":\"Internal Server Error\"}");

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "123456", isPersistent: false, rememberClient: false));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(0, await host.Users.GetAccessFailedCountAsync(user));
        Assert.False(host.Authentication.IsSignedIn(IdentityConstants.ApplicationScheme));

        // The pending code survives the outage: once SignalWire answers again, the same code works.
        var retry = await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "123456", isPersistent: false, rememberClient: false);
        Assert.True(retry.Succeeded);
    }

    [Fact]
    public async Task SignalWire_unreachable_when_sending_is_an_exception_and_nothing_is_stored()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        host.SignalWire.Overrides.Enqueue((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.Empty(host.PendingCodeWrites);
    }
}
