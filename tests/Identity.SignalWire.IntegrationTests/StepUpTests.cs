using System.Net;
using System.Net.Http.Json;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// Step-up through the real path: Kestrel on loopback, Identity's cookie, Redis, the emulator. A signed-in session
/// alone cannot reach what <c>.RequireStepUp()</c> guards; a fresh code to the confirmed phone, an authenticator code
/// or an old recovery code opens it for five minutes, for this session, this user and this security stamp only.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StepUpTests(RedisFixture redis)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_signed_in_session_is_refused_with_a_problem_until_a_fresh_phone_code_proves_it()
    {
        await using var site = await StartAsync();
        var (email, number, browser) = await SignedInAsync(site);

        using var before = await browser.GetAsync("stepup/guarded");
        var problem = await before.Content.ReadFromJsonAsync<Problem>();
        using var sent = await browser.PostAsync("stepup/send?channel=Sms");
        var code = await site.NextCodeAsync(number);
        var wrong = await ProveAsync(browser, "Sms", Codes.WrongFor(code));
        var right = await ProveAsync(browser, "Sms", code);
        using var after = await browser.GetAsync("stepup/guarded");

        await Expect.StatusAsync(HttpStatusCode.Forbidden, before);
        Assert.Equal(SignalWireDefaults.StepUpRequiredProblemType, problem?.Type);
        await Expect.StatusAsync(HttpStatusCode.NoContent, sent);
        Assert.Equal("Failed", wrong);
        Assert.Equal("Succeeded", right);
        await Expect.StatusAsync(HttpStatusCode.OK, after);
        Assert.Equal(0, (await site.App.FindUserAsync(email)).AccessFailedCount);
    }

    [Fact]
    public async Task The_proof_expires_after_five_minutes_and_dies_with_the_security_stamp()
    {
        await using var site = await StartAsync();
        var (email, number, browser) = await SignedInAsync(site);

        await ProveWithPhoneAsync(site, browser, number);
        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var justInTime = await browser.GetAsync("stepup/guarded");
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var stale = await browser.GetAsync("stepup/guarded");

        await ProveWithPhoneAsync(site, browser, number);
        using var fresh = await browser.GetAsync("stepup/guarded");
        await site.App.WithUserManagerAsync(email, (users, user) => users.UpdateSecurityStampAsync(user));
        using var afterStampChange = await browser.GetAsync("stepup/guarded");

        await Expect.StatusAsync(HttpStatusCode.OK, justInTime);
        await Expect.StatusAsync(HttpStatusCode.Forbidden, stale);
        await Expect.StatusAsync(HttpStatusCode.OK, fresh);
        await Expect.StatusAsync(HttpStatusCode.Forbidden, afterStampChange);
    }

    [Fact]
    public async Task The_proof_belongs_to_the_session_that_made_it()
    {
        await using var site = await StartAsync();
        var (email, number, browser) = await SignedInAsync(site);
        using var other = await SignInAgainAsync(site, email, number);

        await ProveWithPhoneAsync(site, browser, number);
        using var proved = await browser.GetAsync("stepup/guarded");
        using var otherSession = await other.GetAsync("stepup/guarded");

        await Expect.StatusAsync(HttpStatusCode.OK, proved);
        await Expect.StatusAsync(HttpStatusCode.Forbidden, otherSession);
    }

    [Fact]
    public async Task Recovery_codes_need_step_up_and_the_codes_a_session_made_never_prove_it()
    {
        await using var site = await StartAsync();
        var (email, number, browser) = await SignedInAsync(site);

        // The attack: a stolen session asks for fresh recovery codes to pass step-up with.
        using var refused = await browser.PostAsync("stepup/recovery-codes");

        await ProveWithPhoneAsync(site, browser, number);
        using var made = await browser.PostAsync("stepup/recovery-codes");
        var codes = await made.Content.ReadFromJsonAsync<string[]>();
        _clock.Advance(TimeSpan.FromMinutes(5));
        var sameSession = await ProveAsync(browser, "RecoveryCode", codes![0]);
        var left = await site.App.WithUserManagerAsync(email, (users, user) => users.CountRecoveryCodesAsync(user));

        using var later = await SignInAgainAsync(site, email, number);
        var newSession = await ProveAsync(later, "RecoveryCode", codes[0]);
        using var opened = await later.GetAsync("stepup/guarded");

        await Expect.StatusAsync(HttpStatusCode.Forbidden, refused);
        await Expect.StatusAsync(HttpStatusCode.OK, made);
        Assert.Equal(10, codes.Length);
        Assert.Equal("MethodUnavailable", sameSession);
        Assert.Equal(10, left);
        Assert.Equal("Succeeded", newSession);
        await Expect.StatusAsync(HttpStatusCode.OK, opened);
        Assert.Equal(9, await site.App.WithUserManagerAsync(email, (users, user) => users.CountRecoveryCodesAsync(user)));
    }

    [Fact]
    public async Task An_authenticator_code_proves_and_wrong_answers_lock_the_user_out()
    {
        await using var site = await StartAsync();
        var (email, number) = await site.CreateUserAsync();
        var key = await site.App.WithUserManagerAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            return await users.GetAuthenticatorKeyAsync(user);
        });
        using var browser = await SignInAgainAsync(site, email, number);

        var right = await ProveAsync(browser, "Authenticator", Totp.Code(key!, DateTimeOffset.UtcNow));
        var wrong = new List<string?>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            wrong.Add(await ProveAsync(browser, "Authenticator", Codes.WrongFor(Totp.Code(key!, DateTimeOffset.UtcNow))));
        }

        var rightButLocked = await ProveAsync(browser, "Authenticator", Totp.Code(key!, DateTimeOffset.UtcNow));

        Assert.Equal("Succeeded", right);
        Assert.Equal(["Failed", "Failed", "Failed", "Failed", "LockedOut"], wrong);
        Assert.Equal("LockedOut", rightButLocked);
    }

    [Fact]
    public async Task Codes_go_only_to_a_confirmed_number_and_a_user_with_no_factor_is_let_through()
    {
        await using var site = await StartAsync();
        const string email = "unconfirmed@example.com";
        await site.App.CreateUserAsync(email, site.NewPhoneNumber(), phoneConfirmed: false);
        await site.App.WithUserManagerAsync(email, (users, user) => users.SetTwoFactorEnabledAsync(user, false));
        using var browser = site.App.NewBrowser();
        using var login = await browser.LoginAsync(email);

        using var guarded = await browser.GetAsync("stepup/guarded");
        using var send = await browser.PostAsync("stepup/send?channel=Sms");
        var proof = await ProveAsync(browser, "Sms", "123456");
        using var signedOut = site.App.NewBrowser();
        using var anonymous = await signedOut.GetAsync("stepup/guarded");

        await Expect.StatusAsync(HttpStatusCode.OK, login);
        await Expect.StatusAsync(HttpStatusCode.OK, guarded);
        await Expect.StatusAsync(HttpStatusCode.Conflict, send);
        Assert.Equal("MethodUnavailable", proof);
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(0, site.App.SignalWire.Sends);
    }

    [Fact]
    public async Task An_MVC_action_requires_it_in_one_line_too()
    {
        await using var site = await StartAsync();
        var (_, number, browser) = await SignedInAsync(site);

        using var before = await browser.GetAsync("stepup/mvc");
        await ProveWithPhoneAsync(site, browser, number);
        using var after = await browser.GetAsync("stepup/mvc");

        await Expect.StatusAsync(HttpStatusCode.Forbidden, before);
        Assert.Equal(SignalWireDefaults.StepUpRequiredProblemType, (await before.Content.ReadFromJsonAsync<Problem>())?.Type);
        await Expect.StatusAsync(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_browser_is_sent_to_the_step_up_page_and_back_and_an_API_client_is_not()
    {
        await using var site = await StartAsync(stepUpPath: "/confirm-it-is-you");
        var (_, _, browser) = await SignedInAsync(site);

        using var page = await browser.SendAsync(HttpMethod.Get, "stepup/guarded?tab=2", accept: "text/html");
        using var form = await browser.SendAsync(HttpMethod.Post, "stepup/recovery-codes?handler=x", form: true);
        using var api = await browser.SendAsync(HttpMethod.Get, "stepup/guarded", accept: "application/json");

        await Expect.StatusAsync(HttpStatusCode.Redirect, page);
        Assert.Equal("/confirm-it-is-you?ReturnUrl=%2Fstepup%2Fguarded%3Ftab%3D2", page.Headers.Location?.OriginalString);
        await Expect.StatusAsync(HttpStatusCode.Redirect, form);
        Assert.Equal("/confirm-it-is-you?ReturnUrl=%2Fstepup%2Frecovery-codes", form.Headers.Location?.OriginalString);
        await Expect.StatusAsync(HttpStatusCode.Forbidden, api);
    }

    private async Task<TestSite> StartAsync(string? stepUpPath = null) =>
        await TestSite.StartAsync(redis.Server, configureServices: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddControllers().AddApplicationPart(typeof(StepUpTests).Assembly);
            // Identity's authenticator provider too, for the step-up by authenticator app.
            new IdentityBuilder(typeof(IdentityUser), typeof(IdentityRole), services)
                .AddDefaultTokenProviders()
                .AddSignalWireStepUp(options => options.StepUpPath = stepUpPath is null ? default : new PathString(stepUpPath));
        });

    // A new user with a confirmed phone and two-factor sign-in on, signed in with the password and a text code.
    private static async Task<(string Email, string Number, Browser Browser)> SignedInAsync(TestSite site)
    {
        var (email, number) = await site.CreateUserAsync();
        return (email, number, await SignInAgainAsync(site, email, number));
    }

    // Another session of the same user, in a browser of its own.
    private static async Task<Browser> SignInAgainAsync(TestSite site, string email, string number)
    {
        var browser = site.App.NewBrowser();
        await browser.LoginExpectingCodeAsync(email);
        await browser.SendCodeExpectingSuccessAsync(SignalWireDefaults.SmsProviderName);
        using var verified = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, await site.NextCodeAsync(number));
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
        return browser;
    }

    private static async Task ProveWithPhoneAsync(TestSite site, Browser browser, string number)
    {
        using var sent = await browser.PostAsync("stepup/send?channel=Call");
        await Expect.StatusAsync(HttpStatusCode.NoContent, sent);
        Assert.Equal("Succeeded", await ProveAsync(browser, "Call", await site.NextCodeAsync(number)));
    }

    private static async Task<string?> ProveAsync(Browser browser, string method, string code)
    {
        using var response = await browser.PostAsync("stepup/prove", new StepUpForm(method, code));
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        return (await response.Content.ReadFromJsonAsync<StepUpOutcome>())?.Result;
    }

    private sealed record Problem(string? Type, int? Status);
}
