using System.Net;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>What <see cref="SignalWirePendingCodes{TUser}"/> tells a page, field by field, on a fake clock.</summary>
public sealed class PendingCodeStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static Task<IdentityTestHost> StartAsync(FakeTimeProvider time) => IdentityTestHost.StartAsync(
        options =>
        {
            options.ValidFor = TimeSpan.FromMinutes(5);
            options.MaxAttempts = 3;
            options.ResendCooldown = TimeSpan.FromSeconds(30);
        },
        time);

    [Fact]
    public async Task Before_any_send_no_code_is_pending()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        Assert.Null(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
        Assert.False(await host.PendingCodes.CancelAsync(user, SignalWireDefaults.TwoFactorPurpose));
    }

    [Fact]
    public async Task A_sent_code_shows_its_channel_masked_number_times_tries_and_resend_wait()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        time.Advance(TimeSpan.FromSeconds(10));
        var pending = await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose);

        Assert.NotNull(pending);
        Assert.Equal(SignalWireMfaChannel.Sms, pending.Channel);
        Assert.Equal("+*********23", pending.MaskedDestination);
        Assert.Equal(Start, pending.SentAt);
        Assert.Equal(Start.AddMinutes(5), pending.ExpiresAt);
        Assert.Equal(3, pending.AttemptsLeft);
        Assert.Equal(Start.AddSeconds(30), pending.NextSendAt);
    }

    [Fact]
    public async Task Wrong_answers_count_down_the_tries_and_the_resend_wait_ends_with_the_cooldown()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "000000"));
        Assert.Equal(2, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);

        time.Advance(TimeSpan.FromSeconds(30));
        var pending = await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose);
        Assert.Null(pending!.NextSendAt);
        Assert.Equal(2, pending.AttemptsLeft);
    }

    [Fact]
    public async Task A_code_with_no_tries_left_is_refused_without_asking_SignalWire()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        for (var i = 0; i < 3; i++)
        {
            Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "000000"));
        }

        Assert.Equal(0, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(3, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task A_code_is_gone_at_its_expiry_and_then_refused_without_asking_SignalWire()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.NotNull(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Null(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
    }

    // Regression: the cache key held the provider, so after a text and then a call both codes signed in.
    [Fact]
    public async Task A_call_code_replaces_a_text_code_and_the_text_code_is_refused_without_spending_an_attempt()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        host.SignalWire.NextCodes.Enqueue("111111");
        host.SignalWire.NextCodes.Enqueue("222222");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        time.Advance(TimeSpan.FromSeconds(30));
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);

        var pending = await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose);
        Assert.Equal(SignalWireMfaChannel.Call, pending!.Channel);
        Assert.Equal(Start.AddSeconds(30), pending.SentAt);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "111111"));
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "222222"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.Equal(3, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "222222"));
    }

    [Fact]
    public async Task A_cancelled_code_is_no_longer_pending_and_no_longer_works()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.True(await host.PendingCodes.CancelAsync(user, SignalWireDefaults.TwoFactorPurpose));

        Assert.Null(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
        Assert.False(await host.PendingCodes.CancelAsync(user, SignalWireDefaults.TwoFactorPurpose));
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(0, host.SignalWire.VerifyCount);
    }

    [Fact]
    public async Task State_is_kept_per_user_and_per_purpose()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var ada = await host.CreateUserAsync("ada@example.com", "+12015550123");
        var bob = await host.CreateUserAsync("bob@example.com", "+12015550199");
        const string confirm = "ChangePhoneNumber:+447400123456";

        await host.Users.GenerateTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName);
        time.Advance(TimeSpan.FromSeconds(5));
        await host.Users.GenerateChangePhoneNumberTokenAsync(ada, "+447400123456");

        Assert.Null(await host.PendingCodes.FindAsync(bob, SignalWireDefaults.TwoFactorPurpose));
        var signIn = await host.PendingCodes.FindAsync(ada, SignalWireDefaults.TwoFactorPurpose);
        var confirmation = await host.PendingCodes.FindAsync(ada, confirm);
        Assert.Equal(("+*********23", Start), (signIn!.MaskedDestination, signIn.SentAt));
        Assert.Equal(("+**********56", Start.AddSeconds(5)), (confirmation!.MaskedDestination, confirmation.SentAt));

        Assert.True(await host.PendingCodes.CancelAsync(ada, confirm));
        Assert.NotNull(await host.PendingCodes.FindAsync(ada, SignalWireDefaults.TwoFactorPurpose));
    }

    [Fact]
    public async Task The_service_is_resolved_from_a_request_scope()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        await using var scope = host.Services.CreateAsyncScope();

        Assert.NotNull(scope.ServiceProvider.GetService<SignalWirePendingCodes<IdentityUser>>());
        Assert.Equal("TwoFactor", SignalWireDefaults.TwoFactorPurpose);
    }

    // Regression: a verify that overlapped a resend deleted the new code.
    [Fact]
    public async Task A_resend_that_lands_during_a_verify_keeps_its_new_code()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await StartAsync(time);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        host.SignalWire.NextCodes.Enqueue("111111");
        host.SignalWire.NextCodes.Enqueue("222222");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        // The verify of the first code is held at SignalWire until the resend has landed, then answered "right".
        var verifyArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resendLanded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.Overrides.Enqueue(async (_, _) =>
        {
            verifyArrived.SetResult();
            await resendLanded.Task;
            return FakeSignalWireHandler.Json(HttpStatusCode.OK, """{"success":true}""");
        });
        var verifying = host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "111111");
        await verifyArrived.Task;

        time.Advance(TimeSpan.FromSeconds(30));
        await using (var other = host.Services.CreateAsyncScope())
        {
            var users = other.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.GenerateTwoFactorTokenAsync(await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException(), SignalWireDefaults.SmsProviderName);
        }

        resendLanded.SetResult();

        Assert.False(await verifying);
        Assert.NotNull(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "222222"));
    }

    [Fact]
    public async Task Of_two_right_answers_checked_at_once_exactly_one_succeeds_even_when_SignalWire_accepts_both()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        // SignalWire answers both checks "right", and only once both are in flight.
        var inFlight = 0;
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 2; i++)
        {
            host.SignalWire.Overrides.Enqueue(async (_, _) =>
            {
                if (Interlocked.Increment(ref inFlight) == 2)
                {
                    both.SetResult();
                }

                await both.Task;
                return FakeSignalWireHandler.Json(HttpStatusCode.OK, """{"success":true}""");
            });
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var sameUser = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException();
            return await users.VerifyTwoFactorTokenAsync(sameUser, SignalWireDefaults.SmsProviderName, "123456");
        }));

        Assert.Equal(2, host.SignalWire.VerifyCount);
        Assert.Single(results, result => result);
    }

    // Regression: when SignalWire answered the first of two right answers "right" and the second 404 (used), and the
    // 404 was handled first, it removed the entry and the right answer then found nothing: nobody signed in.
    [Fact]
    public async Task A_404_for_a_second_check_handled_first_does_not_take_the_success_from_the_right_answer()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        var notFoundHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.Overrides.Enqueue(async (_, _) =>
        {
            await notFoundHandled.Task;
            return FakeSignalWireHandler.Json(HttpStatusCode.OK, """{"success":true}""");
        });
        host.SignalWire.Overrides.Enqueue((_, _) => Task.FromResult(FakeSignalWireHandler.Json(HttpStatusCode.NotFound, FakeSignalWireHandler.NotFoundBody)));

        var right = VerifyInNewScopeAsync(host, user.Id, "123456");
        while (host.SignalWire.VerifyCount < 1)
        {
            await Task.Yield();
        }

        var second = await VerifyInNewScopeAsync(host, user.Id, "123456");
        notFoundHandled.SetResult();

        Assert.False(second);
        Assert.True(await right);
        Assert.Null(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
    }

    [Fact]
    public async Task After_SignalWire_answers_404_the_code_shows_no_tries_left_and_is_refused_without_a_call()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        host.SignalWire.AnswerNext(HttpStatusCode.NotFound, FakeSignalWireHandler.NotFoundBody);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));

        Assert.Equal(0, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        Assert.Equal(1, host.SignalWire.VerifyCount);
    }

    private static async Task<bool> VerifyInNewScopeAsync(IdentityTestHost host, string userId, string code)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException();
        return await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code);
    }
}
