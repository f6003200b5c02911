using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identity.SignalWire.ApiSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// Two-factor sign-in by phone over real HTTP, as a third-party client drives it: bearer and cookie, code and recovery
/// code, and the attacks on carrying the password-verified state between the steps (the client re-sends the password;
/// the code is the only state): no first step, replay, another user, a stamp change, expiry, parallel use, lockout.
/// </summary>
public sealed class SignInFlowTests(ApiSite site) : IClassFixture<ApiSite>
{
    [Fact]
    public async Task BearerSignIn_SendsACodeThenIssuesTheTokenLoginIssues_WithAmrMfa()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();

        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password, channel = "sms" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var pending = await sent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sign-in", pending.GetProperty("purpose").GetString());
        Assert.Equal("sms", pending.GetProperty("channel").GetString());
        Assert.EndsWith(user.Phone.Number[^2..], pending.GetProperty("maskedDestination").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(user.Phone.Number[2..^2], pending.GetProperty("maskedDestination").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, pending.GetProperty("attemptsLeft").GetInt32());
        Assert.True(pending.GetProperty("expiresAt").GetDateTimeOffset() > site.Clock.GetUtcNow());

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = await user.Phone.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var token = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
        Assert.Contains(site.ReadToken(token.GetProperty("accessToken").GetString()!).Principal.Claims, claim => claim is { Type: "amr", Value: "mfa" });

        using var info = await client.SendAsync(Answers.Bearer(HttpMethod.Get, "manage/info", token));
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal(user.Email, (await info.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("useCookies=true", true)]
    [InlineData("useSessionCookies=true", false)]
    public async Task CookieSignIn_IssuesTheIdentityCookie_AsLoginDoes(string query, bool persistent)
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client(cookies: true);
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        using var signedIn = await client.PostAsJsonAsync("login/phone?" + query, new { user.Email, user.Password, twoFactorCode = await user.Phone.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Empty(await signedIn.Content.ReadAsByteArrayAsync());
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Equal(persistent, cookie.Contains("expires=", StringComparison.OrdinalIgnoreCase));

        using var state = await client.GetAsync("manage/phone");
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.True((await state.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task CallChannel_SendsByCall_AndItsCodeSignsIn()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password, channel = "call" });
        Assert.Equal("call", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("channel").GetString());
        var message = await user.Phone.NextMessageAsync();
        Assert.Equal(Emulator.MfaChannel.Call, message.Channel);

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = message.Code });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var user = await site.CreateUserAsync();
        var codes = await site.WithUserAsync(user, async (users, identity) => (await users.GenerateNewTwoFactorRecoveryCodesAsync(identity, 2))!.ToList());
        using var client = site.Client();

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorRecoveryCode = codes[0] });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(site.ReadToken((await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!).Principal.Claims, claim => claim is { Type: "amr", Value: "mfa" });

        using var again = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorRecoveryCode = codes[0] });
        await Answers.ProblemAsync(again, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }

    [Fact]
    public async Task SecondStep_WithoutTheFirst_IsRefused_AndCountedTowardLockout()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();

        // Any code at all, with the right password, and no code ever sent: there is nothing to match.
        using var guessed = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = "123456" });
        var problem = await Answers.ProblemAsync(guessed, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
        Assert.Equal("Failed", problem.GetProperty("detail").GetString());
        Assert.Equal(0, user.Phone.MessagesSent());
        Assert.Equal(1, (await site.LockoutStateAsync(user)).AccessFailedCount);
    }

    [Fact]
    public async Task SecondStep_WithAWrongPassword_IsRefused_EvenWithTheRightCode()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var code = await ApiSite.SendSignInCodeAsync(client, user);

        using var wrongPassword = await client.PostAsJsonAsync("login/phone", new { user.Email, Password = user.Password + "x", twoFactorCode = code });
        await Answers.ProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");

        // The code was not spent on the refused attempt: the password is checked first.
        using var right = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Replay_OfASuccessfulSecondStep_IsRefused()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        var body = new { user.Email, user.Password, twoFactorCode = await user.Phone.NextCodeAsync() };

        using var first = await client.PostAsJsonAsync("login/phone", body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var replay = await client.PostAsJsonAsync("login/phone", body);
        await Answers.ProblemAsync(replay, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }

    [Fact]
    public async Task ParallelUse_OfOneCode_SignsInOnce()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        var body = new { user.Email, user.Password, twoFactorCode = await user.Phone.NextCodeAsync() };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("login/phone", body)));
        Assert.Equal(1, answers.Count(answer => answer.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.OK), answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task AnotherUsersCode_DoesNotSignIn()
    {
        var victim = await site.CreateUserAsync();
        var attacker = await site.CreateUserAsync();
        using var client = site.Client();
        var attackersCode = await ApiSite.SendSignInCodeAsync(client, attacker);

        // The victim's password is not known; with the attacker's own code and the victim's account, nothing.
        using var crossed = await client.PostAsJsonAsync("login/phone", new { victim.Email, Password = attacker.Password, twoFactorCode = attackersCode });
        await Answers.ProblemAsync(crossed, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");

        // Even with the victim's password, the attacker's code is not the victim's.
        using var withPassword = await client.PostAsJsonAsync("login/phone", new { victim.Email, victim.Password, twoFactorCode = attackersCode });
        await Answers.ProblemAsync(withPassword, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }

    [Fact]
    public async Task ASecurityStampChange_EndsThePendingCode()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var code = await ApiSite.SendSignInCodeAsync(client, user);
        await site.WithUserAsync(user, (users, identity) => users.UpdateSecurityStampAsync(identity));

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        await Answers.ProblemAsync(signedIn, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }

    [Fact]
    public async Task AnExpiredCode_DoesNotSignIn()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var code = await ApiSite.SendSignInCodeAsync(client, user);
        site.Clock.Advance(BrowserTestSite.CodeLifetime + TimeSpan.FromSeconds(1));

        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        await Answers.ProblemAsync(signedIn, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }

    [Fact]
    public async Task WrongCodes_LockTheAccountOut_WithRetryAfter_AndAWrongPasswordStillReadsFailed()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
            var code = await user.Phone.NextCodeAsync();
            using var wrong = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = TestPhone.WrongCodeFor(code) });
            await Answers.ProblemAsync(wrong, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
        }

        var last = await ApiSite.SendSignInCodeAsync(client, user);
        using var fifth = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = TestPhone.WrongCodeFor(last) });
        var problem = await Answers.ProblemAsync(fifth, HttpStatusCode.Unauthorized, "urn:identity-signalwire:locked-out");
        Assert.Equal("LockedOut", problem.GetProperty("detail").GetString());
        Assert.InRange(Answers.RetryAfter(fifth), 1, 3600);

        // Locked out, the right code does not sign in either.
        using var right = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = last });
        await Answers.ProblemAsync(right, HttpStatusCode.Unauthorized, "urn:identity-signalwire:locked-out");

        // Whoever does not know the password is not told that the account exists and is locked.
        using var stranger = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, Password = "not-the-password" });
        var strangers = await Answers.ProblemAsync(stranger, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
        Assert.Equal("Failed", strangers.GetProperty("detail").GetString());
        Assert.False(stranger.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task AnAccountWithoutPhoneTwoFactor_IsToldToUseLogin_OnlyWithTheRightPassword()
    {
        var user = await site.CreateUserAsync(phone: true, twoFactor: false);
        using var client = site.Client();
        using var right = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        await Answers.ProblemAsync(right, HttpStatusCode.Conflict, "urn:identity-signalwire:phone-two-factor-off");
        Assert.Equal(0, user.Phone.MessagesSent());

        using var wrong = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, Password = user.Password + "x" });
        await Answers.ProblemAsync(wrong, HttpStatusCode.Unauthorized, "urn:identity-signalwire:sign-in-failed");
    }
}
