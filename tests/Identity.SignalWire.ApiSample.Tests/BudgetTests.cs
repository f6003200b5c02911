using System.Net;
using System.Net.Http.Json;
using Identity.SignalWire.ApiSample.Tests.Support;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// The per-user send budget, on a site without a resend cooldown (Redis keeps the cooldown on its own clock, which a
/// test cannot move past).
/// </summary>
public sealed class BudgetTests(ApiSite site) : IClassFixture<ApiSite>
{
    [Fact]
    public async Task UserBudget_Is429_WithItsTypeAndWait()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();
        for (var send = 1; send <= 5; send++)
        {
            using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
            Assert.True(sent.StatusCode == HttpStatusCode.OK, $"send {send}: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        }

        using var refused = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        var problem = await Answers.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "urn:identity-signalwire:send-limit:user-budget");
        Assert.Equal("UserBudget", problem.GetProperty("limit").GetString());
        Assert.InRange(Answers.RetryAfter(refused), 1, 3600);
        Assert.Equal(5, user.Phone.MessagesSent());
    }

    [Fact]
    public async Task ConfirmationCodes_ToOneNumber_StopAtItsBudget_With429AndWait()
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);
        for (var send = 1; send <= 3; send++)
        {
            using var sent = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = user.Phone.Number }));
            Assert.True(sent.StatusCode == HttpStatusCode.OK, $"send {send}: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        }

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = user.Phone.Number }));
        await Answers.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "urn:identity-signalwire:send-limit:confirmation-number-budget");
        Assert.InRange(Answers.RetryAfter(refused), 1, 86400);
    }

    [Fact]
    public async Task ConfirmationCodes_FromOneUser_StopAtItsBudget_With429AndWait()
    {
        var user = await site.CreateUserAsync(phone: false, twoFactor: false);
        using var client = site.Client();
        var token = await ApiSite.PasswordSignInAsync(client, user);
        for (var send = 1; send <= 5; send++)
        {
            using var sent = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = new Testing.Browser.TestPhone(site.Emulator).Number }));
            Assert.True(sent.StatusCode == HttpStatusCode.OK, $"send {send}: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        }

        using var refused = await client.SendAsync(Answers.Bearer(HttpMethod.Post, "manage/phone", token, new { phoneNumber = new Testing.Browser.TestPhone(site.Emulator).Number }));
        await Answers.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "urn:identity-signalwire:send-limit:confirmation-user-budget");
        Assert.InRange(Answers.RetryAfter(refused), 1, 86400);
    }
}
