using System.Net;
using System.Net.Http.Json;
using Identity.SignalWire.ApiSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// Every refusal and outage as a client reads it: status, problem <c>type</c>, and <c>Retry-After</c> for the waits.
/// </summary>
public sealed class RefusalTests(RefusalSite site) : IClassFixture<RefusalSite>
{
    [Fact]
    public async Task ResendCooldown_Is429_WithItsTypeAndWait()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        using var first = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        var problem = await Answers.ProblemAsync(second, HttpStatusCode.TooManyRequests, "urn:identity-signalwire:send-limit:resend-cooldown");
        Assert.Equal("ResendCooldown", problem.GetProperty("limit").GetString());
        Assert.InRange(Answers.RetryAfter(second), 1, 30);
        Assert.Equal(1, user.Phone.MessagesSent());
    }

    [Fact]
    public async Task PumpingGuard_AsksForAChallenge_Is429_WithItsType()
    {
        // Codes to new Great Britain numbers that nobody types back: after three, the guard stops the region.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 8 && refused is null; attempt++)
        {
            var user = await site.CreateUserAsync(phone: false, twoFactor: false);
            using var client = site.Client();
            var token = await ApiSite.PasswordSignInAsync(client, user);
            var number = "+44740012" + (3400 + attempt).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var answer = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = number }));
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                answer.Dispose();
            }
            else
            {
                refused = answer;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await Answers.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "urn:identity-signalwire:send-limit:challenge-required");
            Assert.InRange(Answers.RetryAfter(refused), 1, 3600);
        }
    }

    [Fact]
    public async Task ARegionNotAllowed_Is400_WithoutAWait()
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = "+33 6 12 34 56 78" }));
        await Answers.ProblemAsync(refused, HttpStatusCode.BadRequest, "urn:identity-signalwire:send-limit:region-not-allowed");
        Assert.False(refused.Headers.Contains("Retry-After"));
    }

    [Theory]
    [InlineData("12015550123")]
    [InlineData("+1 201 555")]
    [InlineData("+999 123 456")]
    [InlineData("call me")]
    public async Task AnInvalidNumber_Is400_InvalidNumber(string number)
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = number }));
        await Answers.ProblemAsync(refused, HttpStatusCode.BadRequest, "urn:identity-signalwire:invalid-number");
    }

    [Fact]
    public async Task SignalWireDown_Is503_AndNothingIsCountedTowardLockout()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        site.Emulator.Faults.FailNext(503);
        using var send = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        var problem = await Answers.ProblemAsync(send, HttpStatusCode.ServiceUnavailable, "urn:identity-signalwire:unavailable:service-unavailable");
        Assert.DoesNotContain("SignalWire", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The failed send gave its cooldown back: a new code goes out at once.
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var code = await user.Phone.NextCodeAsync();

        site.Emulator.Faults.FailNext(503);
        using var check = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        await Answers.ProblemAsync(check, HttpStatusCode.ServiceUnavailable, "urn:identity-signalwire:unavailable:service-unavailable");
        Assert.Equal(0, (await site.LockoutStateAsync(user)).AccessFailedCount);

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignalWireRateLimited_Is503_WithItsWait()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        site.Emulator.Faults.FailNext(429, retryAfter: TimeSpan.FromSeconds(20));
        using var send = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        await Answers.ProblemAsync(send, HttpStatusCode.ServiceUnavailable, "urn:identity-signalwire:unavailable:rate-limited");
        Assert.Equal(20, Answers.RetryAfter(send));
    }

    [Fact]
    public async Task RedisDown_Is503_StoreUnavailable()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        await site.Redis.StopAsync();
        try
        {
            using var send = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
            await Answers.ProblemAsync(send, HttpStatusCode.ServiceUnavailable, "urn:identity-signalwire:unavailable:store-unavailable");
            Assert.Equal(0, user.Phone.MessagesSent());
        }
        finally
        {
            await site.Redis.RestartAsync();
        }
    }

    [Fact]
    public async Task StepUpRequired_Is403_WithTheMethodsToProve()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ApiSite.SignInAsync(client, user);

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = new TestPhone(site.Emulator).Number }));
        var problem = await Answers.ProblemAsync(refused, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");
        Assert.Equal(["sms", "call"], problem.GetProperty("methods").EnumerateArray().Select(method => method.GetString()));
    }
}
