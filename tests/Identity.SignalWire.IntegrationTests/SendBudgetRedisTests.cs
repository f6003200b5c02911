using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// The send budgets against a real Redis, where counting is atomic: a burst of parallel requests lets exactly the
/// budget through to SignalWire, and no more, on one server as on a cluster.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SendBudgetRedisTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Theory]
    [OnServerAndCluster]
    public async Task Fifty_parallel_sends_for_one_user_let_exactly_MaxSendsPerUser_through(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options => options.Budgets.MaxSendsPerUser = 5);
        var (email, number) = await site.CreateUserAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => TrySendAsync(site, email)));

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.All(outcomes.OfType<SignalWireSendLimitException>(), refusal => Assert.Equal(SignalWireSendLimit.UserBudget, refusal.Limit));
        Assert.Equal(45, outcomes.Count(o => o is SignalWireSendLimitException));
        Assert.Equal(5, site.Emulator.Outbox.Count(message => message.To == number));
        Assert.Equal(5, site.App.SignalWire.Sends);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task Fifty_parallel_sends_within_the_cooldown_let_exactly_one_through(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var (email, _) = await site.CreateUserAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => TrySendAsync(site, email)));

        Assert.Single(outcomes, o => o is null);
        var refusals = outcomes.OfType<SignalWireSendLimitException>().ToList();
        Assert.Equal(49, refusals.Count);
        Assert.All(refusals, refusal =>
        {
            Assert.Equal(SignalWireSendLimit.ResendCooldown, refusal.Limit);
            Assert.InRange(refusal.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        });
        Assert.Equal(1, site.App.SignalWire.Sends);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task Twenty_accounts_pumping_one_number_in_parallel_get_exactly_MaxConfirmationSendsPerNumber_through(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options => options.Budgets.MaxConfirmationSendsPerNumber = 10);
        var accounts = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            accounts.Add((await site.CreateUserAsync()).Email);
        }

        const string pumped = "+447400987654";
        var outcomes = await Task.WhenAll(accounts.Select(email => TryAsync(() => site.App.WithUserManagerAsync(
            email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, pumped)))));

        Assert.Equal(10, outcomes.Count(o => o is null));
        Assert.All(outcomes.OfType<SignalWireSendLimitException>(), refusal => Assert.Equal(SignalWireSendLimit.ConfirmationNumberBudget, refusal.Limit));
        Assert.Equal(10, site.Emulator.Outbox.Count(message => message.To == pumped));
    }

    [Theory]
    [OnServerAndCluster]
    public async Task Budgets_are_shared_by_every_instance_of_the_site(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options => options.Budgets.MaxSendsPerUser = 4);
        var second = await site.StartInstanceAsync();
        var (email, _) = await site.CreateUserAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => TryAsync(() =>
            (i % 2 == 0 ? site.App : second).WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms)))));

        Assert.Equal(4, outcomes.Count(o => o is null));
        Assert.Equal(4, site.App.SignalWire.Sends + second.SignalWire.Sends);
    }

    // Issue 20: confirmations from throw-away accounts, in parallel on two instances, fill their own site cap exactly;
    // sign-in codes to confirmed numbers still go out, from either instance.
    [Theory]
    [OnServerAndCluster]
    public async Task Confirmations_filling_their_site_cap_leave_sign_in_codes_going_out(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options =>
        {
            options.Budgets.MaxSiteConfirmationSendsPerHour = 8;
            options.Budgets.MaxSiteSendsPerHour = 1_000;
        });
        var second = await site.StartInstanceAsync();
        var bots = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            bots.Add((await site.CreateUserAsync()).Email);
        }

        var confirmations = await Task.WhenAll(bots.Select((email, i) => TryAsync(() => (i % 2 == 0 ? site.App : second).WithUserManagerAsync(
            email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, site.NewPhoneNumber())))));
        var (honest, number) = await site.CreateUserAsync();
        var signIns = await Task.WhenAll(new[] { site.App, second }.Select(instance => TryAsync(() =>
            instance.WithUserManagerAsync(honest, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms)))));

        Assert.Equal(8, confirmations.Count(o => o is null));
        Assert.All(confirmations.OfType<SignalWireSendLimitException>(), refusal => Assert.Equal(SignalWireSendLimit.SiteConfirmationHourlyCap, refusal.Limit));
        Assert.Equal(12, confirmations.Count(o => o is SignalWireSendLimitException));
        Assert.All(signIns, Assert.Null);
        Assert.Equal(2, site.Emulator.Outbox.Count(message => message.To == number));
    }

    private static Task<Exception?> TrySendAsync(TestSite site, string email) =>
        TryAsync(() => site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms)));

    private static async Task<Exception?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (SignalWireMfaException exception)
        {
            return exception;
        }
    }
}
