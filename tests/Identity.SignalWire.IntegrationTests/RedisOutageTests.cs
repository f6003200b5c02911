using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Redis goes away between sending a code and checking it. These tests use a Redis server of their own, since they
/// stop it, and document what the user sees.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RedisOutageTests
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task Checking_a_code_while_Redis_is_down_fails_with_a_Redis_exception_never_a_sign_in()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(redis);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        await redis.StopAsync();

        // Over HTTP: the exception reaches Kestrel, and the user sees an empty 500 (this site has no error page).
        using var overHttp = await browser.VerifyAsync(Sms, code);
        using var me = await browser.MeAsync();
        // In process: the same call throws; it neither returns true nor a silent false.
        var direct = await Record.ExceptionAsync(() =>
            site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code)));

        await Expect.StatusAsync(HttpStatusCode.InternalServerError, overHttp);
        Assert.Equal(string.Empty, await overHttp.Content.ReadAsStringAsync());
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, me);
        AssertRedisFailure(Assert.Single(site.App.Errors), redis);
        AssertRedisFailure(direct, redis);
        // Neither the outage nor the failed request counted toward lockout, and SignalWire was never asked.
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);
        Assert.Equal(0, site.App.SignalWire.Verifies);
    }

    [Fact]
    public async Task Asking_for_a_new_code_while_Redis_is_down_fails_before_anything_is_sent()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await TestSite.StartAsync(redis);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, _) = signIn;

        await redis.StopAsync();
        using var resend = await browser.SendCodeAsync(Sms);

        // The send budgets live in Redis and are charged first, so no text goes out that could never be checked.
        await Expect.StatusAsync(HttpStatusCode.InternalServerError, resend);
        AssertRedisFailure(Assert.Single(site.App.Errors), redis);
        Assert.Equal(1, site.App.SignalWire.Sends);
        Assert.Single(site.Emulator.Outbox);
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

    private static void AssertRedisFailure(Exception? exception, RedisServer redis)
    {
        Assert.NotNull(exception);
        Assert.False(exception is SignalWireMfaException, "A Redis outage is not a SignalWire failure.");
        Assert.True(
            exception is RedisConnectionException or RedisTimeoutException,
            $"Expected a StackExchange.Redis connection or timeout exception, got {exception.GetType()}: {exception.Message}");
        Assert.Contains(redis.Configuration, exception.Message, StringComparison.Ordinal);
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
