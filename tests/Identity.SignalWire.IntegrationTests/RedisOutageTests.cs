using System.Diagnostics.Metrics;
using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Redis goes away between sending a code and checking it, or before a code is sent. The application gets one
/// exception for "not now" (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>), and the same session goes on once
/// Redis is back. These tests use a Redis server of their own, since they stop it.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisOutageTests
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task Checking_a_code_while_Redis_is_down_is_StoreUnavailable_never_a_sign_in_nor_a_lockout_count()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(redis);
        using var verified = Collect(site.App, SignalWireTelemetry.CodesVerifiedInstrument);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        await redis.StopAsync();

        // Over HTTP: the page's one catch of SignalWireMfaException answers "try again" (a 503 here).
        using var overHttp = await browser.VerifyAsync(Sms, code);
        using var me = await browser.MeAsync();
        // In process: the same call throws; it neither returns true nor a silent false.
        var direct = await Record.ExceptionAsync(() =>
            site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code)));

        Assert.Equal(nameof(SignalWireMfaErrorKind.StoreUnavailable), (await Expect.MfaFailureAsync(overHttp)).Kind);
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, me);
        AssertStoreUnavailable(Assert.Single(site.App.Errors), redis);
        AssertStoreUnavailable(direct, redis);
        // Neither the outage nor the failed request counted toward lockout, and SignalWire was never asked.
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);
        Assert.Equal(0, site.App.SignalWire.Verifies);
        Assert.Equal(["store_unavailable", "store_unavailable"], verified.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
    }

    [Fact]
    public async Task Asking_for_a_new_code_while_Redis_is_down_is_StoreUnavailable_and_sends_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(redis);
        using var requested = Collect(site.App, SignalWireTelemetry.CodesRequestedInstrument);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, _) = signIn;

        await redis.StopAsync();
        using var resend = await browser.SendCodeAsync(Sms);

        // The send budgets live in Redis and are charged first, so no text goes out that the budgets did not allow.
        Assert.Equal(nameof(SignalWireMfaErrorKind.StoreUnavailable), (await Expect.MfaFailureAsync(resend)).Kind);
        AssertStoreUnavailable(Assert.Single(site.App.Errors), redis);
        Assert.Equal(1, site.App.SignalWire.Sends);
        Assert.Single(site.Emulator.Outbox);
        Assert.Equal(["sent", "store_unavailable"], requested.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
    }

    [Fact]
    public async Task When_Redis_is_back_the_same_session_sends_a_code_and_signs_in_without_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        // A configured hashing key, so that reading the state below asks the cache itself rather than the store first.
        await using var site = await TestSite.StartAsync(redis, options =>
        {
            options.ResendCooldown = TimeSpan.FromSeconds(30);
            options.HashKey = new string('k', 32);
        });
        var (email, number) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);

        // Down before the library ever connected: the Redis cache and the library's own connection both first connect
        // while there is no server.
        await redis.StopAsync();
        var stateWhileDown = await Record.ExceptionAsync(() => site.App.PendingCodeAsync(email));
        using var whileDown = await browser.SendCodeAsync(Sms);
        await redis.RestartAsync();
        await WaitUntilCacheAnswersAsync(site.App);
        await WaitUntilStoreAnswersAsync(site.App);

        // The failed attempt started no cooldown (it could not): the send goes out at once.
        await browser.SendCodeExpectingSuccessAsync(Sms);
        using var signedIn = await browser.VerifyAsync(Sms, await site.NextCodeAsync(number));
        using var me = await browser.MeAsync();

        AssertStoreUnavailable(stateWhileDown, redis);
        Assert.Equal(nameof(SignalWireMfaErrorKind.StoreUnavailable), (await Expect.MfaFailureAsync(whileDown)).Kind);
        await Expect.StatusAsync(HttpStatusCode.OK, signedIn);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Equal(1, site.App.SignalWire.Sends);
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);
    }

    [Fact]
    public async Task After_Redis_restarts_empty_the_old_code_is_refused_and_a_new_code_signs_in()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(redis);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, oldCode) = signIn;

        await redis.RestartAsync();
        await WaitUntilCacheAnswersAsync(site.App);

        // Redis keeps nothing across a restart here (no persistence): the pending code is lost, so the right code is
        // now an unknown one. The 2FA cookie is not in Redis and survives.
        using var old = await browser.VerifyAsync(Sms, oldCode);
        await browser.SendCodeExpectingSuccessAsync(Sms);
        using var fresh = await browser.VerifyAsync(Sms, await site.NextCodeAsync(number));
        using var me = await browser.MeAsync();

        await Expect.StatusAsync(HttpStatusCode.Unauthorized, old);
        await Expect.StatusAsync(HttpStatusCode.OK, fresh);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
    }

    private static void AssertStoreUnavailable(Exception? exception, RedisServer redis)
    {
        var error = Assert.IsType<SignalWireMfaException>(exception);
        Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, error.Kind);
        Assert.True(error.IsTransient);
        Assert.True(
            error.InnerException is RedisConnectionException or RedisTimeoutException,
            $"Expected a StackExchange.Redis connection or timeout exception inside, got {error.InnerException?.GetType()}: {error.InnerException?.Message}");
        // The cache's own message names the server; the library's message does not.
        Assert.Contains(redis.Configuration, error.InnerException!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(redis.Configuration, error.Message, StringComparison.Ordinal);
        Assert.Contains("try again in a moment", error.Message, StringComparison.Ordinal);
    }

    private static MetricCollector<long> Collect(TestApp app, string instrument) =>
        new(app.Services.GetRequiredService<IMeterFactory>(), SignalWireTelemetry.Name, instrument);

    // The library's own Redis connection reconnects by itself as well; wait for it the way the cache is waited for.
    private static async Task WaitUntilStoreAnswersAsync(TestApp app)
    {
        var store = app.Services.GetRequiredService<IAtomicStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await store.CooldownLeftAsync("reconnect-probe");
                return;
            }
            catch (SignalWireMfaException exception) when (exception.Kind == SignalWireMfaErrorKind.StoreUnavailable && !timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    internal static async Task WaitUntilCacheAnswersAsync(TestApp app)
    {
        var cache = app.Services.GetRequiredService<IDistributedCache>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await cache.GetAsync("reconnect-probe", timeout.Token);
                return;
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException && !timeout.IsCancellationRequested)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
