using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// Of two sends for one user and purpose, the one that began later is the pending code, whichever SignalWire answered
/// first: in one process, ordered by the start each send took before asking SignalWire.
/// </summary>
public sealed class NewestSendWinsTests
{
    // Regression (issue 18): with no resend cooldown, an SMS send SignalWire answered slowly was stored after a call
    // code the user asked for next, so the SMS code became the pending one and the call code the user heard failed.
    [Fact]
    public async Task An_SMS_send_answered_slowly_does_not_replace_a_call_send_begun_after_it()
    {
        await using var host = await StartAsync();
        var user = await host.CreateUserAsync();
        var smsArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var smsMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.BeforeAnswering = async request =>
        {
            if (request.Path.EndsWith("/mfa/sms", StringComparison.Ordinal))
            {
                smsArrived.SetResult();
                await smsMayAnswer.Task;
            }
        };

        var users = host.Users;
        var sms = Task.Run(() => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        await smsArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);
        smsMayAnswer.SetResult();

        // The slow send was made and is no failure: its code is simply not the pending one.
        Assert.Equal(string.Empty, await sms);
        Assert.Equal(SignalWireMfaChannel.Call, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.Channel);
        Assert.Contains(host.Logs.GetSnapshot(), record => record.Id.Name == "CodeSuperseded");
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "111111"));
        Assert.True(await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "222222"));
    }

    [Fact]
    public async Task Sends_answered_in_the_order_they_began_each_replace_the_one_before()
    {
        await using var host = await StartAsync();
        var user = await host.CreateUserAsync();

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Id.Name == "CodeSuperseded");
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "111111"));
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "222222"));
    }

    // No resend cooldown, and a clock that does not move: the order comes from the starts themselves, not from time
    // passing between them. The first send gets 111111, the second 222222.
    private static async Task<IdentityTestHost> StartAsync()
    {
        var host = await IdentityTestHost.StartAsync(
            options => options.ResendCooldown = TimeSpan.Zero,
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));
        host.SignalWire.NextCodes.Enqueue("111111");
        host.SignalWire.NextCodes.Enqueue("222222");
        return host;
    }
}
