using System.Net;
using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Every failure the emulator can play, on the verify step and on the send step, over HTTP through SignInManager:
/// each ends in <see cref="SignalWireMfaException"/> of the right kind, never in a false that would count toward the
/// user's lockout, and the user can go on once SignalWire answers again.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SignalWireFaultTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    // Short, so that the late-answer fault costs a second; long enough that a normal answer from a warm emulator on a
    // busy two-core machine never comes near it.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Faults => ["500", "503", "429 with Retry-After", "late answer", "dropped connection", "unreadable body", "404 HTML page", "unknown charset"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_while_checking_the_code_is_an_exception_and_not_a_failed_attempt(string fault)
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.Timeout = ClientTimeout);
        using var signIn = await site.StartSignInAsync();
        var (email, number, browser, code) = signIn;

        Inject(site, fault);
        using var failed = await browser.VerifyAsync(Sms, code);
        var failure = await Expect.MfaFailureAsync(failed);
        var exception = Assert.IsType<SignalWireMfaException>(Assert.Single(site.App.Errors));
        var user = await site.App.FindUserAsync(email);
        using var notSignedIn = await browser.MeAsync();

        AssertKind(fault, exception, failure, failed);
        Assert.Equal(0, user.AccessFailedCount);
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, notSignedIn);
        // The pending code survives the fault: the same code works once SignalWire answers again.
        Assert.Single(await redis.Server.KeysAsync(site.PendingCodeKeys));

        using var retried = await browser.VerifyAsync(Sms, code);
        using var me = await browser.MeAsync();
        await Expect.StatusAsync(HttpStatusCode.OK, retried);
        await Expect.StatusAsync(HttpStatusCode.OK, me);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fault_while_sending_the_code_is_an_exception_and_a_new_send_works(string fault)
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.Timeout = ClientTimeout);
        var (email, number) = await site.CreateUserAsync();
        using var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);

        Inject(site, fault);
        using var failed = await browser.SendCodeAsync(Sms);
        var failure = await Expect.MfaFailureAsync(failed);
        var exception = Assert.IsType<SignalWireMfaException>(Assert.Single(site.App.Errors));
        var pendingAfterFailure = await redis.Server.KeysAsync(site.PendingCodeKeys);

        AssertKind(fault, exception, failure, failed);
        Assert.Empty(pendingAfterFailure);
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);

        await browser.SendCodeExpectingSuccessAsync(Sms);
        using var verified = await browser.VerifyAsync(Sms, await site.NextCodeAsync(number));
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
    }

    private static void Inject(TestSite site, string fault)
    {
        var faults = site.Emulator.Faults;
        switch (fault)
        {
            case "500":
                faults.FailNext(500);
                break;
            case "503":
                faults.FailNext(503);
                break;
            case "429 with Retry-After":
                faults.FailNext(429, retryAfter: TimeSpan.FromSeconds(7));
                break;
            case "late answer":
                faults.DelayNext(ClientTimeout * 5);
                break;
            case "dropped connection":
                faults.DropNext();
                break;
            case "unreadable body":
                faults.SendUnreadableBodyNext();
                break;
            case "404 HTML page":
                faults.SendHtmlNotFoundNext();
                break;
            case "unknown charset":
                faults.SendUnknownCharsetNext();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        }
    }

    private static void AssertKind(string fault, SignalWireMfaException exception, MfaFailure failure, HttpResponseMessage response)
    {
        var expected = fault == "429 with Retry-After" ? SignalWireMfaErrorKind.RateLimited : SignalWireMfaErrorKind.ServiceUnavailable;
        Assert.Equal(expected, exception.Kind);
        Assert.Equal(expected.ToString(), failure.Kind);
        Assert.True(exception.IsTransient);

        switch (fault)
        {
            case "500":
                Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
                break;
            case "503":
                Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
                break;
            case "429 with Retry-After":
                Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
                Assert.Equal(7, failure.RetryAfterSeconds);
                Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
                break;
            case "late answer":
                Assert.Null(exception.StatusCode);
                Assert.IsAssignableFrom<OperationCanceledException>(exception.InnerException);
                break;
            case "dropped connection":
                Assert.Null(exception.StatusCode);
                Assert.IsAssignableFrom<HttpRequestException>(exception.InnerException);
                break;
            case "unreadable body":
                Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
                break;
            case "404 HTML page":
                Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
                Assert.DoesNotContain("<html>", exception.Message, StringComparison.Ordinal);
                break;
            case "unknown charset":
                Assert.Equal(HttpStatusCode.OK, exception.StatusCode);
                Assert.Contains("x-unknown-charset", exception.Message, StringComparison.Ordinal);
                break;
        }
    }
}
