using System.Diagnostics;
using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Many users at once, one user's code checked many times at once, and two sends for one user racing, all through
/// Redis: attempts are spent before SignalWire is asked, and the send that began last is the pending code.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConcurrencyTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;
    private const string Call = SignalWireDefaults.CallProviderName;
    private const int MaxAttempts = 5;
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

    // Regression (issue 18): attempts were counted after SignalWire answered, so 30 wrong answers at once with
    // SignalWire 100 ms away made 30 verify calls; now each reserves one of MaxAttempts in Redis first.
    [Fact]
    public async Task Thirty_wrong_answers_at_once_make_exactly_MaxAttempts_verify_calls()
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.MaxAttempts = MaxAttempts);
        var (email, number) = await site.CreateUserAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var wrong = WrongCode(await site.NextCodeAsync(number));

        site.App.SignalWire.AfterAnswered = path => path.EndsWith("/verify", StringComparison.Ordinal) ? Task.Delay(100) : Task.CompletedTask;
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, wrong))));

        Assert.All(results, Assert.False);
        Assert.Equal(MaxAttempts, site.App.SignalWire.Verifies);
        Assert.Equal(0, (await site.App.PendingCodeAsync(email))!.AttemptsLeft);
    }

    [Fact]
    public async Task A_right_answer_among_thirty_wrong_ones_at_once_signs_in_when_an_attempt_was_left_for_it()
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.MaxAttempts = MaxAttempts);
        using var signIn = await site.StartSignInAsync();
        var (email, _, browser, code) = signIn;
        var wrong = WrongCode(code);

        // The right answer is the first to reach SignalWire and the last to hear back, while thirty wrong ones go.
        var rightArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rightMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.App.SignalWire.AfterAnswered = async path =>
        {
            if (path.EndsWith("/verify", StringComparison.Ordinal) && rightArrived.TrySetResult())
            {
                await rightMayAnswer.Task;
            }
            else
            {
                await Task.Delay(50);
            }
        };
        var right = browser.VerifyAsync(Sms, code);
        await rightArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, wrong))));
        rightMayAnswer.SetResult();
        using var verified = await right;
        using var me = await browser.MeAsync();

        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
        Assert.All(results, Assert.False);
        Assert.Equal(MaxAttempts, site.App.SignalWire.Verifies);
        Assert.Empty(await redis.Server.KeysAsync(site.PendingCodeKeys));
    }

    // Regression (issue 18): with no resend cooldown, an SMS send SignalWire answered slowly was stored after the call
    // code the user asked for next, so the SMS code became the pending one and the call code failed.
    [Fact]
    public async Task An_SMS_send_answered_slowly_does_not_replace_a_call_send_begun_after_it()
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.ResendCooldown = TimeSpan.Zero);
        var (email, number) = await site.CreateUserAsync();
        var smsAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var smsMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.App.SignalWire.AfterAnswered = async path =>
        {
            if (path.EndsWith("/mfa/sms", StringComparison.Ordinal))
            {
                smsAnswered.SetResult();
                await smsMayAnswer.Task;
            }
        };

        var sms = site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        await smsAnswered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Call));
        smsMayAnswer.SetResult();
        Assert.Equal(string.Empty, await sms);

        var smsCode = await site.Emulator.Outbox.NextMessageAsync(number, TimeSpan.FromSeconds(10));
        var callCode = await site.Emulator.Outbox.NextMessageAsync(number, TimeSpan.FromSeconds(10));
        Assert.Equal(("Sms", "Call"), (smsCode.Channel.ToString(), callCode.Channel.ToString()));
        Assert.Equal(SignalWireMfaChannel.Call, (await site.App.PendingCodeAsync(email))!.Channel);
        Assert.False(await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, smsCode.Code)));
        Assert.True(await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Call, callCode.Code)));
        Assert.Empty(site.App.Errors);
    }

    // Another code of the same length and alphabet, so that it reaches SignalWire and is wrong there.
    private static string WrongCode(string code) => string.Concat(code.Select(digit => digit == '9' ? '0' : (char)(digit + 1)));

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
