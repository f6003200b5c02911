using System.Net;
using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>
/// Checks of one code at once, in one process: each spends one of the code's attempts before SignalWire is asked, so
/// together they never ask more often than MaxAttempts, and a check SignalWire does not answer gives its attempt back.
/// </summary>
public sealed class ConcurrentAttemptsTests
{
    private const string Sms = SignalWireDefaults.SmsProviderName;
    private const int MaxAttempts = 5;

    // Regression (issue 18): the provider read the entry, checked the count, asked SignalWire and only then counted
    // the wrong answer, so 30 wrong answers at once with SignalWire 100 ms away made 30 verify calls.
    [Fact]
    public async Task Thirty_wrong_answers_at_once_make_exactly_MaxAttempts_verify_calls()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = MaxAttempts);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);

        // A SignalWire that never refuses a verify (no max_attempts of its own) and answers after 100 ms.
        host.SignalWire.BeforeAnswering = request => request.Path.EndsWith("/verify", StringComparison.Ordinal) ? Task.Delay(100) : Task.CompletedTask;
        var users = host.Users;
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => users.VerifyTwoFactorTokenAsync(user, Sms, "999999"))));

        Assert.All(results, Assert.False);
        Assert.Equal(MaxAttempts, host.SignalWire.VerifyCount);
        Assert.Equal(0, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
    }

    [Fact]
    public async Task A_right_answer_among_thirty_wrong_ones_at_once_signs_in_when_an_attempt_was_left_for_it()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = MaxAttempts);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);

        // The right answer reaches SignalWire first and is answered last, while thirty wrong ones are checked.
        var rightArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rightMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.BeforeAnswering = async request =>
        {
            if (request.Path.EndsWith("/verify", StringComparison.Ordinal))
            {
                if (request.Body.Contains("123456", StringComparison.Ordinal))
                {
                    rightArrived.SetResult();
                    await rightMayAnswer.Task;
                }
                else
                {
                    await Task.Delay(50);
                }
            }
        };
        var users = host.Users;
        var right = Task.Run(() => users.VerifyTwoFactorTokenAsync(user, Sms, "123456"));
        await rightArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var wrong = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => users.VerifyTwoFactorTokenAsync(user, Sms, "999999"))));
        rightMayAnswer.SetResult();

        Assert.True(await right);
        Assert.All(wrong, Assert.False);
        Assert.Equal(MaxAttempts, host.SignalWire.VerifyCount);
        Assert.Null(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
    }

    [Fact]
    public async Task Wrong_answers_at_once_leave_the_right_one_its_attempt_when_there_are_fewer_than_MaxAttempts()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = MaxAttempts);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        host.SignalWire.BeforeAnswering = request => request.Path.EndsWith("/verify", StringComparison.Ordinal) ? Task.Delay(100) : Task.CompletedTask;

        var users = host.Users;
        var answers = new[] { "999999", "999998", "123456", "999997", "999996" };
        var results = await Task.WhenAll(answers.Select(answer => Task.Run(() => users.VerifyTwoFactorTokenAsync(user, Sms, answer))));

        Assert.Equal([false, false, true, false, false], results);
        Assert.Equal(MaxAttempts, host.SignalWire.VerifyCount);
    }

    // An outage is no answer: it does not count toward lockout (it throws), and the attempt it reserved goes back, so
    // the page still shows every try and the code still works once SignalWire answers again.
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task A_check_SignalWire_does_not_answer_gives_its_attempt_back(HttpStatusCode status)
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = 3);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, Sms, "999999"));

        host.SignalWire.AnswerNext(status, """{"error":"Service Unavailable"}""");
        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.VerifyTwoFactorTokenAsync(user, Sms, "999998"));

        Assert.Equal(2, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, Sms, "999997"));
        Assert.True(await host.Users.VerifyTwoFactorTokenAsync(user, Sms, "123456"));
        Assert.Equal(4, host.SignalWire.VerifyCount);
    }

    // While SignalWire is out, checks at once still cannot ask more often than the attempts left, and each gives its
    // attempt back: never more than it reserved, so the count ends where it began.
    [Fact]
    public async Task Checks_at_once_during_an_outage_give_back_exactly_what_they_reserved()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = MaxAttempts);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, Sms, "999999"));
        var outageMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.BeforeAnswering = async request =>
        {
            await outageMayAnswer.Task;
            throw new HttpRequestException("SignalWire is unreachable (test).");
        };

        var users = host.Users;
        var checks = Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await users.VerifyTwoFactorTokenAsync(user, Sms, "999998")).ToString();
            }
            catch (SignalWireMfaException exception)
            {
                return exception.Kind.ToString();
            }
        })).ToList();

        // The checks that found no attempt left end at once; the four that reserved one wait for SignalWire.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (checks.Count(check => check.IsCompleted) < 30 - (MaxAttempts - 1) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        outageMayAnswer.SetResult();
        var outcomes = await Task.WhenAll(checks);

        Assert.Equal(MaxAttempts, host.SignalWire.VerifyCount);
        Assert.Equal(MaxAttempts - 1, outcomes.Count(outcome => outcome == nameof(SignalWireMfaErrorKind.ServiceUnavailable)));
        Assert.Equal(30 - (MaxAttempts - 1), outcomes.Count(outcome => outcome == bool.FalseString));
        Assert.Equal(MaxAttempts - 1, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
    }

    // SignalWire's 404 (used up) is final: an outage's give-back at the same moment does not reopen the code.
    [Fact]
    public async Task A_code_SignalWire_answered_404_stays_used_up_even_when_an_outage_gives_an_attempt_back()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.MaxAttempts = MaxAttempts);
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        var outageArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outageMayAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.SignalWire.BeforeAnswering = async request =>
        {
            if (request.Body.Contains("999998", StringComparison.Ordinal))
            {
                outageArrived.SetResult();
                await outageMayAnswer.Task;
                throw new HttpRequestException("SignalWire is unreachable (test).");
            }
        };

        var users = host.Users;
        var outage = Task.Run(() => users.VerifyTwoFactorTokenAsync(user, Sms, "999998"));
        await outageArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.SignalWire.AnswerNext(HttpStatusCode.NotFound, FakeSignalWireHandler.NotFoundBody);
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Sms, "999999"));
        outageMayAnswer.SetResult();
        await Assert.ThrowsAsync<SignalWireMfaException>(() => outage);

        Assert.Equal(0, (await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose))!.AttemptsLeft);
        Assert.False(await users.VerifyTwoFactorTokenAsync(user, Sms, "123456"));
        Assert.Equal(2, host.SignalWire.VerifyCount);
    }
}
