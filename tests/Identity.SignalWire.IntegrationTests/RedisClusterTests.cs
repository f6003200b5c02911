using System.Diagnostics;
using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Xunit.Abstractions;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// What only a Redis Cluster has: keys spread over masters, and a master that fails over to its replica. The tests
/// that run the same on one server and on a cluster are theories over <see cref="RedisTopology"/> in their own classes.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisClusterTests(RedisFixture redis, ITestOutputHelper output)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    // Every key of a site's budgets carries one hash tag, so they cannot spread; this is what the tag costs.
    private const string BudgetsTag = "{" + SignalWireDefaults.CacheKeyPrefix + "budgets}";

    // Without this, the cluster theories could pass with every key on one master (say, a hash tag in the prefix) and
    // prove nothing about slots.
    [Fact]
    public async Task Pending_codes_spread_over_every_master_while_a_sites_budgets_stay_on_one()
    {
        var cluster = (RedisCluster)await redis.OfAsync(RedisTopology.Cluster);
        await using var site = await TestSite.StartAsync(cluster);
        for (var i = 0; i < 24; i++)
        {
            var (email, _) = await site.CreateUserAsync();
            await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        }

        var codeMasters = new HashSet<int>();
        foreach (var key in await cluster.KeysAsync(site.PendingCodeKeys))
        {
            codeMasters.Add((await cluster.MasterOfAsync(key)).Port);
        }

        var budgetMasters = new HashSet<int>();
        foreach (var key in await cluster.KeysAsync(site.Store.CacheInstanceName + BudgetsTag + "*"))
        {
            budgetMasters.Add((await cluster.MasterOfAsync(key)).Port);
        }

        Assert.Equal(3, codeMasters.Count);
        Assert.Single(budgetMasters);
    }

    // Replication is asynchronous and the library does not WAIT for replicas, so a write the old master acknowledged
    // just before it died may be lost. "No lost sign-in" therefore means: a code whose pending entry reached the replica
    // before the crash still signs in, and a code sent after the switch always does. The test waits for the replica to
    // catch up before the crash; a code written in the last moment before one is refused as unknown, as after a Redis
    // restart (RedisOutageTests), and the user asks for a new one.
    [Fact]
    public async Task When_a_master_fails_over_requests_meanwhile_are_StoreUnavailable_and_the_same_users_then_sign_in()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await RedisCluster.StartAsync(masters: 3, replicasPerMaster: 1, nodeTimeout: TimeSpan.FromSeconds(1));
        output.WriteLine($"Cluster of 3 masters and 3 replicas started in {watch.ElapsedMilliseconds} ms.");
        await using var site = await TestSite.StartAsync(cluster);
        var instanceB = await site.StartInstanceAsync();

        // The master that will fail holds the site's budgets, so every send needs it, and the pending code of the user
        // who checks a code during the switch. Users are made until one's code lands there (one in three does).
        var failing = await cluster.MasterOfAsync(BudgetsTag);
        var checker = await SignInOnMasterAsync(site, cluster, failing);
        var (senderEmail, senderNumber) = await site.CreateUserAsync();
        using var sender = site.App.NewBrowser();
        await sender.LoginExpectingCodeAsync(senderEmail);
        await cluster.WaitUntilHealthyAsync();

        await failing.StopAsync();
        watch.Restart();
        var promotion = PromotedAtAsync();

        // Both instances take turns, as a load balancer would send them, until the check and a new send both succeed;
        // in each round the two go out together. The deadline is generous because StackExchange.Redis finds the new
        // master seconds after Redis promoted it: requests wait in its backlog (up to its 5 s timeout) meanwhile.
        var statuses = new List<string>();
        var log = new List<string>();
        TimeSpan? checkedAt = null, sentAt = null;
        for (var round = 0; checkedAt is null || sentAt is null; round++)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"No recovery after {watch.Elapsed}: {string.Join(", ", log)}");
            var instance = round % 2 == 0 ? site.App : instanceB;
            var check = checkedAt is null ? TimedAsync(checker.Browser.SwitchTo(instance), browser => browser.VerifyAsync(Sms, checker.Code)) : null;
            var send = sentAt is null ? TimedAsync(sender.SwitchTo(instance), browser => browser.SendCodeAsync(Sms)) : null;
            foreach (var (request, what) in new[] { (check, "check"), (send, "send") })
            {
                if (request is null)
                {
                    continue;
                }

                var (status, started, ended) = await request;
                statuses.Add(status);
                log.Add($"{what} {started.TotalMilliseconds:F0}-{ended.TotalMilliseconds:F0} ms: {status}");
            }

            checkedAt ??= check is not null && (await check).Status == "200" ? watch.Elapsed : null;
            sentAt ??= send is not null && (await send).Status == "204" ? watch.Elapsed : null;
            await Task.Delay(100);
        }

        async Task<TimeSpan> PromotedAtAsync()
        {
            await cluster.WaitUntilHealthyAsync();
            return watch.Elapsed;
        }

        async Task<(string Status, TimeSpan Started, TimeSpan Ended)> TimedAsync(Browser browser, Func<Browser, Task<HttpResponseMessage>> request)
        {
            using (browser)
            {
                var started = watch.Elapsed;
                using var response = await request(browser);
                return (await DescribeAsync(response), started, watch.Elapsed);
            }
        }

        using var senderOnB = sender.SwitchTo(instanceB);
        using var newCodeVerified = await senderOnB.VerifyAsync(Sms, await site.NextCodeAsync(senderNumber));
        using var checkerMe = await checker.Browser.MeAsync();
        var unavailable = statuses.Count(status => status == "503 StoreUnavailable");
        output.WriteLine($"After the master was killed: the replica took over at {(await promotion).TotalMilliseconds:F0} ms; " +
            $"{string.Join("; ", log)}. {unavailable} of {statuses.Count} requests were StoreUnavailable.");

        // The first round went out the moment the master died: both requests found the store unavailable.
        Assert.Equal(["503 StoreUnavailable", "503 StoreUnavailable"], statuses.Take(2));
        Assert.All(statuses, status => Assert.Contains(status, new[] { "503 StoreUnavailable", "200", "204" }));
        Assert.NotEqual(failing, await cluster.MasterOfAsync(BudgetsTag));
        await Expect.StatusAsync(HttpStatusCode.OK, newCodeVerified);
        await Expect.StatusAsync(HttpStatusCode.OK, checkerMe);
        Assert.All(site.App.Errors.Concat(instanceB.Errors), error =>
            Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, Assert.IsType<SignalWireMfaException>(error).Kind));
        Assert.Equal(0, (await site.App.FindUserAsync(checker.Email)).AccessFailedCount);
        // Refused sends reached no phone: the budgets are charged before SignalWire is asked.
        Assert.Equal(2, site.Emulator.Outbox.Count(message => message.To == senderNumber || message.To == checker.PhoneNumber));
    }

    // A sign-in stopped at the code step whose pending code lives on <paramref name="master"/>.
    private static async Task<SignInAtCodeStep> SignInOnMasterAsync(TestSite site, RedisCluster cluster, RedisServer master)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var signIn = await site.StartSignInAsync();
            var key = (await cluster.KeysAsync(site.PendingCodeKeys)).Single(known.Add);
            if (await cluster.MasterOfAsync(key) == master)
            {
                return signIn;
            }

            signIn.Dispose();
        }

        throw new InvalidOperationException($"No pending code of 50 users landed on the master on port {master.Port}.");
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable
            ? "503 " + (await Expect.MfaFailureAsync(response)).Kind
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
