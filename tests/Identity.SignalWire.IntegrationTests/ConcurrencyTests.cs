using System.Diagnostics;
using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>Many users at once, and one user's code checked twice at once.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConcurrencyTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;
    private const int UserCount = 200;

    [Theory]
    [OnServerAndCluster]
    public async Task Two_hundred_users_signing_in_in_parallel_all_succeed(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        await using var site = await TestSite.StartAsync(target);
        var users = new List<(string Email, string PhoneNumber)>();
        for (var i = 0; i < UserCount; i++)
        {
            users.Add(await site.CreateUserAsync());
        }

        var watch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(users.Select(user => SignInAsync(site, user.Email, user.PhoneNumber)));
        watch.Stop();

        var failures = outcomes.Where(outcome => outcome is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {UserCount} sign-ins failed in {watch.Elapsed}:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(10))}");
        Assert.Equal(UserCount, site.Emulator.Outbox.Count);
        Assert.Equal(UserCount, site.Emulator.Outbox.Select(message => message.To).Distinct().Count());
        Assert.Equal((UserCount, UserCount), (site.App.SignalWire.Sends, site.App.SignalWire.Verifies));
        Assert.Empty(await target.KeysAsync(site.PendingCodeKeys));
        Assert.Empty(site.App.Errors);
    }

    [Theory]
    [OnServerAndCluster]
    public async Task The_same_right_code_submitted_twice_at_once_succeeds_exactly_once(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        await using var site = await TestSite.StartAsync(target);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        // Both submissions (a double click) are held until both have read the pending code and reached SignalWire.
        site.App.SignalWire.HoldVerifiesUntil(2);
        var responses = await Task.WhenAll(browser.VerifyAsync(Sms, code), browser.VerifyAsync(Sms, code));
        var statuses = responses.Select(response => response.StatusCode).Order().ToArray();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        using var me = await browser.MeAsync();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(2, site.App.SignalWire.Verifies);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.Empty(await target.KeysAsync(site.PendingCodeKeys));
    }

    /// <summary>One user's whole sign-in in a browser of its own; <see langword="null"/> on success, else what failed.</summary>
    private static async Task<string?> SignInAsync(TestSite site, string email, string phoneNumber)
    {
        try
        {
            using var browser = site.App.NewBrowser();
            await browser.LoginExpectingCodeAsync(email);
            await browser.SendCodeExpectingSuccessAsync(Sms);
            var code = await site.NextCodeAsync(phoneNumber);
            using var verified = await browser.VerifyAsync(Sms, code);
            await Expect.StatusAsync(HttpStatusCode.OK, verified);
            using var me = await browser.MeAsync();
            await Expect.StatusAsync(HttpStatusCode.OK, me);
            return null;
        }
        catch (Exception exception)
        {
            return $"{email}: {exception.GetType().Name}: {exception.Message}";
        }
    }
}
