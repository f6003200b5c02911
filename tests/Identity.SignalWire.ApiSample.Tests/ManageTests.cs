using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identity.SignalWire.ApiSample.Tests.Support;
using Identity.SignalWire.Testing.Browser;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// The signed-in user's phone and two-factor endpoints with bearer tokens, and step-up whose proof lives in the token
/// the client holds.
/// </summary>
public sealed class ManageTests(ApiSite site) : IClassFixture<ApiSite>
{
    [Fact]
    public async Task StepUp_WithABearerToken_PutsTheProofInANewToken_ThatAlonePassesAndAStampChangeEnds()
    {
        var user = await site.CreateUserAsync();
        var newPhone = new TestPhone(site.Emulator);
        using var client = site.Client();
        var before = await ApiSite.SignInAsync(client, user);

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", before, new { phoneNumber = newPhone.Number }));
        await Answers.ProblemAsync(refused, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");

        // The step-up code goes to the confirmed number, never to the one being added.
        using var sent = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up/send-code", before, new { channel = "sms" }));
        Assert.Equal("step-up", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purpose").GetString());
        using var proved = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up", before, new { method = "sms", code = await user.Phone.NextCodeAsync() }));
        Assert.Equal(HttpStatusCode.OK, proved.StatusCode);
        var state = await proved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("stepUpSatisfied").GetBoolean());
        var after = state.GetProperty("token");
        Assert.NotEqual(before.GetProperty("accessToken").GetString(), after.GetProperty("accessToken").GetString());
        Assert.Contains(site.ReadToken(after.GetProperty("accessToken").GetString()!).Principal.Claims, claim => claim is { Type: "amr", Value: "mfa" });

        // The token the client held before has no proof; the refreshed one has none either (/refresh keeps no items).
        using var old = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", before, new { phoneNumber = newPhone.Number }));
        await Answers.ProblemAsync(old, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");
        using var refreshedAnswer = await client.PostAsJsonAsync("refresh", new { refreshToken = after.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshedAnswer.StatusCode);
        var refreshed = await refreshedAnswer.Content.ReadFromJsonAsync<JsonElement>();
        using var viaRefresh = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", refreshed, new { phoneNumber = newPhone.Number }));
        await Answers.ProblemAsync(viaRefresh, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");

        // Another user's token is not made to pass by this proof.
        var other = await site.CreateUserAsync();
        var othersToken = await ApiSite.SignInAsync(client, other);
        using var others = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", othersToken, new { phoneNumber = newPhone.Number }));
        await Answers.ProblemAsync(others, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");

        // The token with the proof changes the number: a code to the new number, then its confirmation.
        using var added = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", after, new { phoneNumber = newPhone.Number }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var code = await newPhone.NextCodeAsync();
        using var confirmed = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/confirm", after, new { phoneNumber = newPhone.Number, code }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var changed = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(newPhone.Number[^2..], changed.GetProperty("phoneNumber").GetString(), StringComparison.Ordinal);
        Assert.True(changed.GetProperty("phoneNumberConfirmed").GetBoolean());

        // The new security stamp ended the proof; the answer's new token works and its refresh token too.
        using var again = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", after, new { phoneNumber = user.Phone.Number }));
        await Answers.ProblemAsync(again, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");
        var renewed = changed.GetProperty("token");
        using var refreshAfterChange = await client.PostAsJsonAsync("refresh", new { refreshToken = renewed.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshAfterChange.StatusCode);
        using var staleRefresh = await client.PostAsJsonAsync("refresh", new { refreshToken = after.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, staleRefresh.StatusCode);
    }

    [Fact]
    public async Task AddingAFirstNumber_NeedsNoStepUp_ReportsThePendingCode_AndConfirms()
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);

        using var added = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = user.Phone.Number }));
        var pending = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmation", pending.GetProperty("purpose").GetString());
        var code = await user.Phone.NextCodeAsync();

        using var wrong = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/confirm", token, new { phoneNumber = user.Phone.Number, code = TestPhone.WrongCodeFor(code) }));
        var problem = await Answers.ProblemAsync(wrong, HttpStatusCode.BadRequest, "urn:identity-signalwire:code-invalid");
        Assert.Equal(2, problem.GetProperty("attemptsLeft").GetInt32());

        using var state = await client.SendAsync(Answers.Bearer(HttpMethod.Get, "manage/phone/code?purpose=confirmation&phoneNumber=" + Uri.EscapeDataString(user.Phone.Number), token));
        var read = await state.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, read.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal("sms", read.GetProperty("channel").GetString());

        using var confirmed = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/confirm", token, new { phoneNumber = user.Phone.Number, code }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True((await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phoneNumberConfirmed").GetBoolean());

        using var gone = await client.SendAsync(Answers.Bearer(HttpMethod.Get, "manage/phone/code?purpose=confirmation&phoneNumber=" + Uri.EscapeDataString(user.Phone.Number), token));
        await Answers.ProblemAsync(gone, HttpStatusCode.NotFound, "urn:identity-signalwire:no-code-pending");
    }

    [Fact]
    public async Task TwoFactorOn_MakesRecoveryCodes_ThatNeverProveTheSessionThatGotThem()
    {
        var user = await site.CreateUserAsync(phone: true, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);
        token = await ProveAsync(client, user, token);

        using var on = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/two-factor", token, new { enabled = true }));
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var state = await on.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(state.GetProperty("twoFactorEnabled").GetBoolean());
        var codes = state.GetProperty("recoveryCodes").EnumerateArray().Select(code => code.GetString()!).ToList();
        Assert.Equal(10, codes.Count);
        var minted = state.GetProperty("token");
        Assert.DoesNotContain("recoveryCode", state.GetProperty("stepUpMethods").EnumerateArray().Select(method => method.GetString()));

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up", minted, new { method = "recoveryCode", code = codes[0] }));
        await Answers.ProblemAsync(refused, HttpStatusCode.BadRequest, "urn:identity-signalwire:step-up-method-unavailable");

        // A new sign-in is another session: there, a recovery code proves.
        var fresh = await ApiSite.SignInAsync(client, user);
        using var proved = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up", fresh, new { method = "recoveryCode", code = codes[0] }));
        Assert.Equal(HttpStatusCode.OK, proved.StatusCode);
    }

    [Fact]
    public async Task ThePhone_CannotBeRemoved_WhileItIsTheOnlySecondFactor_AndCanAfterTwoFactorIsOff()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ProveAsync(client, user, await ApiSite.SignInAsync(client, user));

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Delete, "manage/phone", token));
        await Answers.ProblemAsync(refused, HttpStatusCode.Conflict, "urn:identity-signalwire:phone-is-only-factor");

        using var off = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/two-factor", token, new { enabled = false }));
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        token = (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");

        // Two-factor off renewed the stamp: a new proof, then the number goes.
        token = await ProveAsync(client, user, token);
        using var removed = await client.SendAsync(Answers.Bearer(HttpMethod.Delete, "manage/phone", token));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var state = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(state.TryGetProperty("phoneNumber", out _));
        Assert.False(state.GetProperty("stepUpRequired").GetBoolean());
    }

    [Fact]
    public async Task TwoFactorOn_WithoutAConfirmedPhone_Is409_AndStepUpCodesNeedOne()
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);

        using var on = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone/two-factor", token, new { enabled = true }));
        await Answers.ProblemAsync(on, HttpStatusCode.Conflict, "urn:identity-signalwire:no-confirmed-phone");
        using var send = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up/send-code", token, new { channel = "sms" }));
        await Answers.ProblemAsync(send, HttpStatusCode.Conflict, "urn:identity-signalwire:no-confirmed-phone");
    }

    [Fact]
    public async Task AWrongStepUpCode_Is400_WithTriesLeft()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ApiSite.SignInAsync(client, user);
        using var sent = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up/send-code", token, new { channel = "sms" }));
        var code = await user.Phone.NextCodeAsync();

        using var wrong = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up", token, new { method = "sms", code = TestPhone.WrongCodeFor(code) }));
        var problem = await Answers.ProblemAsync(wrong, HttpStatusCode.BadRequest, "urn:identity-signalwire:code-invalid");
        Assert.Equal(2, problem.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal(1, (await site.LockoutStateAsync(user)).AccessFailedCount);
    }

    [Fact]
    public async Task ACookieSession_StepsUpInItsCookie_ChangesTheNumber_AndStaysSignedIn()
    {
        var user = await site.CreateUserAsync();
        var newPhone = new TestPhone(site.Emulator);
        using var client = site.Client(cookies: true);
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        using var signedIn = await client.PostAsJsonAsync("login/phone?useCookies=true", new { user.Email, user.Password, twoFactorCode = await user.Phone.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        using var refused = await client.PostAsJsonAsync("manage/phone", new { phoneNumber = newPhone.Number });
        await Answers.ProblemAsync(refused, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");

        using var stepUpCode = await client.PostAsJsonAsync("manage/step-up/send-code", new { channel = "call" });
        using var proved = await client.PostAsJsonAsync("manage/step-up", new { method = "call", code = await user.Phone.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.OK, proved.StatusCode);
        Assert.False((await proved.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("token", out _));
        Assert.Contains(proved.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        using var added = await client.PostAsJsonAsync("manage/phone", new { phoneNumber = newPhone.Number });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using var confirmed = await client.PostAsJsonAsync("manage/phone/confirm", new { phoneNumber = newPhone.Number, code = await newPhone.NextCodeAsync() });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains(confirmed.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));

        // The cookie was issued again with the new security stamp: the session goes on, without the spent proof.
        using var state = await client.GetAsync("manage/phone");
        var read = await state.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(newPhone.Number[^2..], read.GetProperty("phoneNumber").GetString(), StringComparison.Ordinal);
        Assert.False(read.GetProperty("stepUpSatisfied").GetBoolean());
    }

    [Fact]
    public async Task RequireStepUp_OnTheApplicationsOwnEndpoint_ReadsABearerClientsProofFromItsToken()
    {
        // The sample puts MapIdentityApi's /manage/2fa behind the step-up policy, as an application puts its own endpoints.
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        var token = await ApiSite.SignInAsync(client, user);

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/2fa", token, new { }));
        await Answers.ProblemAsync(refused, HttpStatusCode.Forbidden, "urn:identity-signalwire:step-up-required");

        var proved = await ProveAsync(client, user, token);
        using var allowed = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/2fa", proved, new { }));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True((await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isTwoFactorEnabled").GetBoolean());
    }

    [Fact]
    public async Task ManageEndpoints_AnswerASignedOutClient401_NotARedirect()
    {
        using var client = site.Client(cookies: true);
        using var answer = await client.GetAsync("manage/phone");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesEveryEndpoint()
    {
        using var client = new HttpClient { BaseAddress = new Uri(site.Address) };
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/account/login/phone/send-code", "/account/login/phone", "/account/manage/phone", "/account/manage/phone/confirm", "/account/manage/phone/two-factor", "/account/manage/phone/code", "/account/manage/step-up/send-code", "/account/manage/step-up" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from the OpenAPI document.");
        }

        var send = paths.GetProperty("/account/login/phone/send-code").GetProperty("post");
        Assert.False(string.IsNullOrEmpty(send.GetProperty("summary").GetString()));
        Assert.True(send.GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(send.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    private async Task<JsonElement> ProveAsync(HttpClient client, ApiUser user, JsonElement token)
    {
        using var sent = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up/send-code", token, new { channel = "sms" }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        using var proved = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/step-up", token, new { method = "sms", code = await user.Phone.NextCodeAsync() }));
        Assert.Equal(HttpStatusCode.OK, proved.StatusCode);
        return (await proved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
    }
}
