using System.Text.RegularExpressions;
using Identity.SignalWire.DefaultUISample.Tests.Support;
using Identity.SignalWire.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>Codes kept in a real Redis that stops at the second step: the page says try again, never a 500.</summary>
public sealed class RedisOutageTests(RedisOutageTests.RedisSite site) : IClassFixture<RedisOutageTests.RedisSite>
{
    private const string TryAgain = "Codes cannot be sent or checked right now. Try again in a moment.";

    [Fact]
    public async Task With_Redis_down_the_second_step_says_try_again_and_once_it_is_back_the_same_session_signs_in()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        await user.LogInWithPasswordAsync();
        await user.Page.Locator("#send-sms").ClickAsync();
        var code = await user.Phone.NextCodeAsync();

        await site.Redis.StopAsync();

        await user.EnterCodeAsync(code);
        await Expect(user.Page.Locator("#error")).ToHaveTextAsync(TryAgain);
        Assert.Equal(0, await site.WithUserAsync(user.Email, (users, u) => users.GetAccessFailedCountAsync(u)));

        var reload = await user.Page.ReloadAsync();
        Assert.Equal(200, reload!.Status);
        await Expect(user.Page.Locator("#error")).ToHaveTextAsync(TryAgain);
        await user.Page.Locator("#send-sms").ClickAsync();
        await Expect(user.Page.Locator("#error")).ToHaveTextAsync(TryAgain);

        await site.Redis.RestartAsync();
        // The connection finds Redis again by itself; the user presses the button again, as the page says.
        for (var attempt = 0; attempt < 20 && !await user.Page.Locator("#code").IsVisibleAsync(); attempt++)
        {
            await Task.Delay(500);
            await user.Page.GotoAsync(user.Page.Url);
            if (await user.Page.Locator("#send-sms").IsVisibleAsync())
            {
                await user.Page.Locator("#send-sms").ClickAsync();
            }
        }

        await user.EnterCodeAsync(await user.Phone.NextCodeAsync());
        await user.ExpectSignedInAsync();
        await Expect(user.Page).Not.ToHaveURLAsync(new Regex("LoginWith2fa"));
    }

    /// <summary>The sample with its codes in a Redis of the test's own.</summary>
    public sealed class RedisSite : DefaultUISite
    {
        internal RedisServer Redis { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Redis = await RedisServer.StartAsync();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Redis.DisposeAsync();
        }

        protected override void ConfigureServices(IServiceCollection services)
        {
            var options = ConfigurationOptions.Parse(Redis.Configuration);
            // As Microsoft's Redis cache does: a Redis that is down does not break the site, each call fails instead.
            options.AbortOnConnectFail = false;
            services.AddStackExchangeRedisCache(cache => cache.ConfigurationOptions = options);
        }
    }
}
