using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Several instances of one site behind a load balancer, sharing the database, the keys and Redis (one server, or a
/// cluster where each user's pending code lives on the master of its hash slot).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SharedRedisTests(RedisFixture redis)
{
    [Theory]
    [InlineData(SignalWireDefaults.SmsProviderName, RedisTopology.Server)]
    [InlineData(SignalWireDefaults.CallProviderName, RedisTopology.Server)]
    [InlineData(SignalWireDefaults.SmsProviderName, RedisTopology.Cluster)]
    [InlineData(SignalWireDefaults.CallProviderName, RedisTopology.Cluster)]
    public async Task A_code_sent_through_instance_A_is_accepted_by_instance_B(string provider, RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology));
        var instanceA = site.App;
        var instanceB = await site.StartInstanceAsync();
        var (email, number) = await site.CreateUserAsync();
        using var browserOnA = instanceA.NewBrowser();

        await browserOnA.LoginExpectingCodeAsync(email);
        await browserOnA.SendCodeExpectingSuccessAsync(provider);
        var code = await site.NextCodeAsync(number);
        using var browserOnB = browserOnA.SwitchTo(instanceB);
        using var verified = await browserOnB.VerifyAsync(provider, code);
        using var me = await browserOnB.MeAsync();

        Assert.NotEqual(instanceA.Address, instanceB.Address);
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Equal((1, 0), (instanceA.SignalWire.Sends, instanceA.SignalWire.Verifies));
        Assert.Equal((0, 1), (instanceB.SignalWire.Sends, instanceB.SignalWire.Verifies));
    }

    [Theory]
    [OnServerAndCluster]
    public async Task A_code_used_on_instance_B_cannot_be_used_again_on_instance_A(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology));
        var instanceB = await site.StartInstanceAsync();
        var (email, number) = await site.CreateUserAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        var code = await site.NextCodeAsync(number);

        var onB = await instanceB.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code));
        var onA = await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code));

        Assert.True(onB);
        Assert.False(onA);
        // Instance B removed the shared entry, so instance A refused without asking SignalWire.
        Assert.Equal(0, site.App.SignalWire.Verifies);
    }

    [Fact]
    public async Task With_a_configured_HashKey_an_instance_started_after_a_Redis_restart_accepts_codes_from_an_older_one()
    {
        // Without HashKey, each instance keeps in memory the random hashing key it read from Redis; after Redis
        // restarts empty, a new instance makes a different key and cannot find codes the older instance sends.
        // A configured key is the same everywhere, whatever Redis lost.
        await using var ownRedis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(ownRedis, options => options.HashKey = new string('k', 48));
        var (email, number) = await site.CreateUserAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        await site.NextCodeAsync(number);

        await ownRedis.RestartAsync();
        await RedisOutageTests.WaitUntilCacheAnswersAsync(site.App);
        var newInstance = await site.StartInstanceAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        var code = await site.NextCodeAsync(number);
        var accepted = await newInstance.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code));

        Assert.True(accepted);
        Assert.Equal(1, newInstance.SignalWire.Verifies);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task Two_instances_see_the_same_pending_code_state(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options => options.ResendCooldown = TimeSpan.FromMinutes(1));
        var instanceB = await site.StartInstanceAsync();
        var (email, number) = await site.CreateUserAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName));
        var code = await site.NextCodeAsync(number);
        await instanceB.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, Codes.WrongFor(code)));

        var onA = await site.App.PendingCodeAsync(email);
        var onB = await instanceB.PendingCodeAsync(email);

        Assert.NotNull(onA);
        Assert.NotNull(onB);
        Assert.Equal(
            (SignalWireMfaChannel.Call, E164PhoneNumber.Mask(number), onA.SentAt, onA.ExpiresAt, 2),
            (onB.Channel, onB.MaskedDestination, onB.SentAt, onB.ExpiresAt, onB.AttemptsLeft));
        Assert.Equal(SignalWireMfaChannel.Call, onA.Channel);
        Assert.Equal(2, onA.AttemptsLeft);
        // The cooldown is one Redis key; each instance reads its time to live on its own clock.
        Assert.InRange(onB.NextSendAt!.Value - onA.NextSendAt!.Value, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));

        Assert.True(await instanceB.CancelPendingCodeAsync(email));
        Assert.Null(await site.App.PendingCodeAsync(email));
        Assert.False(await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, code)));
        Assert.Equal(0, site.App.SignalWire.Verifies);
    }
}
