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
            options.Budgets.MaxSendsPerUser = 2;
        });
        var user = await host.CreateUserAsync();
        host.SignalWire.AnswerNext(System.Net.HttpStatusCode.ServiceUnavailable);

        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        // Another purpose, so that the cooldown the good send started does not answer first; to the user's own
        // confirmed number, so that it is a sign-in code.
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+12015550123"));

        Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit);
        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task The_cooldown_is_per_purpose()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var user = await host.CreateUserAsync();

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");

        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_user_gets_at_most_MaxSendsPerUser_codes_in_the_window()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxSendsPerUser = 3;
            options.Budgets.UserSendWindow = TimeSpan.FromHours(1);
        });
        var user = await host.CreateUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        }

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName));

        Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit);
        Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(3, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_number_gets_at_most_MaxSendsPerNumber_sign_in_codes()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.Budgets.MaxSendsPerNumber = 2);
        var first = await host.CreateUserAsync("ada@example.com");
        var second = await host.CreateUserAsync("bob@example.com");

        // Two accounts that confirmed the same (shared, family) number sign in.
        await host.Users.GenerateTwoFactorTokenAsync(first, SignalWireDefaults.SmsProviderName);
        await host.Users.GenerateTwoFactorTokenAsync(second, SignalWireDefaults.SmsProviderName);
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(first, SignalWireDefaults.CallProviderName));

        Assert.Equal(SignalWireSendLimit.NumberBudget, refusal.Limit);
        Assert.DoesNotContain("2015550123", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_number_gets_at_most_MaxConfirmationSendsPerNumber_confirmation_codes_whoever_asks()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.Budgets.MaxConfirmationSendsPerNumber = 2);
        var first = await host.CreateUserAsync("ada@example.com");
        var second = await host.CreateUserAsync("bob@example.com");
        var third = await host.CreateUserAsync("eve@example.com");

        // Three accounts ask to "confirm" one number they do not have: the pumping pattern.
        await host.Users.GenerateChangePhoneNumberTokenAsync(first, "+447400987654");
        await host.Users.GenerateChangePhoneNumberTokenAsync(second, "+447400987654");
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(third, "+447400987654"));

        Assert.Equal(SignalWireSendLimit.ConfirmationNumberBudget, refusal.Limit);
        Assert.DoesNotContain("7400987654", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("SignalWire:Budgets:MaxConfirmationSendsPerNumber", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task A_user_gets_at_most_MaxConfirmationSendsPerUser_confirmation_codes_apart_from_sign_in_codes()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxConfirmationSendsPerUser = 2;
            options.Budgets.MaxSendsPerUser = 1;
        });
        var user = await host.CreateUserAsync();
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123457");

        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123458"));
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.Equal(SignalWireSendLimit.ConfirmationUserBudget, refusal.Limit);
        Assert.Equal(3, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task Strangers_confirming_my_number_do_not_use_up_my_sign_in_codes()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxConfirmationSendsPerNumber = 3;
            options.Budgets.MaxSendsPerNumber = 3;
        });
        var me = await host.CreateUserAsync("me@example.com", "+447400123456");
        var refusals = new List<SignalWireSendLimit>();
        for (var i = 0; i < 5; i++)
        {
            var stranger = await host.CreateUserAsync($"stranger{i}@example.com", phoneNumber: null, phoneConfirmed: false);
            try
            {
                await host.Users.GenerateChangePhoneNumberTokenAsync(stranger, "+447400123456");
            }
            catch (SignalWireSendLimitException refusal)
            {
                refusals.Add(refusal.Limit);
            }
        }

        Assert.Equal([SignalWireSendLimit.ConfirmationNumberBudget, SignalWireSendLimit.ConfirmationNumberBudget], refusals);
        Assert.Equal(3, host.SignalWire.SendCount);

        await host.Users.GenerateTwoFactorTokenAsync(me, SignalWireDefaults.SmsProviderName);

        Assert.Equal(4, host.SignalWire.SendCount);
        Assert.Equal("+447400123456", host.SignalWire.Requests.Last().Json.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Reconfirming_my_own_confirmed_number_counts_as_a_sign_in_code()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxConfirmationSendsPerUser = 1;
            options.Budgets.MaxSendsPerUser = 1;
        });
        var user = await host.CreateUserAsync(phoneNumber: "+447400123456");

        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+44 7400 123456");
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit);
    }

    [Fact]
    public async Task A_refused_send_charges_no_other_budget()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxSendsPerUser = 2;
            options.Budgets.MaxSendsPerNumber = 1;
        });
        var ada = await host.CreateUserAsync("ada@example.com");
        var bob = await host.CreateUserAsync("bob@example.com");
        await host.Users.GenerateTwoFactorTokenAsync(bob, SignalWireDefaults.SmsProviderName);

        // The shared number is used up: Ada's refused tries must not spend her own budget.
        for (var i = 0; i < 3; i++)
        {
            var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
                () => host.Users.GenerateTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName));
            Assert.Equal(SignalWireSendLimit.NumberBudget, refusal.Limit);
        }

        // Her own budget of two is whole: on numbers of her own she gets two codes, and only then is refused.
        foreach (var number in new[] { "+447400123456", "+447400123457" })
        {
            ada.PhoneNumber = number;
            await host.Users.UpdateAsync(ada);
            await host.Users.GenerateTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName);
        }

        ada.PhoneNumber = "+447400123458";
        await host.Users.UpdateAsync(ada);
        var last = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(ada, SignalWireDefaults.SmsProviderName));

        Assert.Equal(SignalWireSendLimit.UserBudget, last.Limit);
        Assert.Equal(3, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task The_site_sends_at_most_MaxSiteSendsPerHour_codes_in_all()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.Budgets.MaxSiteSendsPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            var user = await host.CreateUserAsync($"user{i}@example.com", $"+44740012345{i}");
            await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        }

        var late = await host.CreateUserAsync("late@example.com", "+447400123459");
        var refusal = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(late, SignalWireDefaults.SmsProviderName));

        Assert.Equal(SignalWireSendLimit.SiteHourlyCap, refusal.Limit);
        Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(3, host.SignalWire.SendCount);
    }

    // Regression (issue 20): with one site cap, 19 bot confirmations filled MaxSiteSendsPerHour = 20, and a user with a
    // confirmed number and two-factor sign-in on got "No code could be sent right now".
    [Fact]
    public async Task Confirmations_that_fill_their_site_cap_never_refuse_a_sign_in_code()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxSiteConfirmationSendsPerHour = 3;
            options.Budgets.MaxSiteSendsPerHour = 2;
        });
        for (var i = 0; i < 3; i++)
        {
            var bot = await host.CreateUserAsync($"bot{i}@example.com", phoneNumber: null);
            await host.Users.GenerateChangePhoneNumberTokenAsync(bot, $"+44740012346{i}");
        }

        var fourthBot = await host.CreateUserAsync("bot3@example.com", phoneNumber: null);
        var refused = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateChangePhoneNumberTokenAsync(fourthBot, "+447400123469"));
        var honest = await host.CreateUserAsync("honest@example.com", "+447400123450");
        await host.Users.GenerateTwoFactorTokenAsync(honest, SignalWireDefaults.SmsProviderName);
        var second = await host.CreateUserAsync("second@example.com", "+447400123451");
        await host.Users.GenerateTwoFactorTokenAsync(second, SignalWireDefaults.SmsProviderName);
        var third = await host.CreateUserAsync("third@example.com", "+447400123452");
        var capped = await Assert.ThrowsAsync<SignalWireSendLimitException>(
            () => host.Users.GenerateTwoFactorTokenAsync(third, SignalWireDefaults.SmsProviderName));

        Assert.Equal(SignalWireSendLimit.SiteConfirmationHourlyCap, refused.Limit);
        Assert.Contains("Sign-in codes still go out", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SignalWireSendLimit.SiteHourlyCap, capped.Limit);
        Assert.Equal(5, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task Fifty_parallel_sends_on_the_memory_cache_let_exactly_the_budgets_through()
    {
        await using var host = await IdentityTestHost.StartAsync(options =>
        {
            options.Budgets.MaxSendsPerUser = 5;
            options.ResendCooldown = TimeSpan.Zero;
        });
        var user = await host.CreateUserAsync();

        // No database call is made while a code is asked for, so one UserManager can serve the parallel requests.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
                return (SignalWireSendLimit?)null;
            }
            catch (SignalWireSendLimitException refusal)
            {
                return refusal.Limit;
            }
        }));

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), limit => Assert.Equal(SignalWireSendLimit.UserBudget, limit));
        Assert.Equal(5, host.SignalWire.SendCount);
    }
}
