using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>
/// How SignalWire's max_attempts (per code) and Identity's lockout (per account, across codes) combine: every wrong
/// code counts toward lockout, and once a code's attempts are used up even the right code fails — and counts — until
/// the user asks for a new one. So MaxFailedAccessAttempts caps the guesses an attacker gets however often codes are
/// resent, and it should be above MaxAttempts so that a user who mistypes can ask for a new code before being locked.
/// </summary>
public sealed class AttemptsAndLockoutTests
{
    [Fact]
    public async Task After_max_attempts_the_right_code_fails_and_counts_then_a_new_code_signs_in()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = 3);
        var user = await host.CreateUserAsync(withPassword: true);
        host.SignalWire.NextCodes.Enqueue("111111");
        host.SignalWire.NextCodes.Enqueue("222222");
        Assert.True((await host.SignIn.PasswordSignInAsync(user.UserName!, IdentityTestHost.Password, false, true)).RequiresTwoFactor);
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        host.SignalWire.MaxAttempts = 3;

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "999999", false, false)).Succeeded);
        }

        var usedUp = await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "111111", false, false);
        Assert.False(usedUp.Succeeded);
        Assert.Equal(4, await host.Users.GetAccessFailedCountAsync(user));

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        Assert.True((await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "222222", false, false)).Succeeded);
        Assert.Equal(0, await host.Users.GetAccessFailedCountAsync(user));
    }

    [Fact]
    public async Task Resending_codes_does_not_give_more_guesses_than_MaxFailedAccessAttempts()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = 3);
        var user = await host.CreateUserAsync(withPassword: true);
        Assert.True((await host.SignIn.PasswordSignInAsync(user.UserName!, IdentityTestHost.Password, false, true)).RequiresTwoFactor);

        // Lockout is at 5 failures (IdentityTestHost); a fresh code after every 3 wrong guesses does not reset it.
        var results = new List<Microsoft.AspNetCore.Identity.SignInResult>();
        for (var i = 0; i < 6; i++)
        {
            if (i % 3 == 0)
            {
                await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
            }

            results.Add(await host.SignIn.TwoFactorSignInAsync(SignalWireDefaults.SmsProviderName, "999999", false, false));
        }

        Assert.All(results.Take(4), result => Assert.False(result.IsLockedOut));
        Assert.True(results[4].IsLockedOut);
        Assert.True(results[5].IsLockedOut);
        Assert.True(await host.Users.IsLockedOutAsync(user));
    }
}
