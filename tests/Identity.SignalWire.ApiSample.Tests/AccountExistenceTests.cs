using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Identity.SignalWire.ApiSample.Tests.Support;
using Xunit.Abstractions;

namespace Identity.SignalWire.ApiSample.Tests;

/// <summary>
/// Nothing tells an unknown e-mail address from an existing account with a wrong password: the same status, headers
/// and body, and a similar time (an unknown account spends a password hash too).
/// </summary>
public sealed class AccountExistenceTests(ApiSite site, ITestOutputHelper output) : IClassFixture<ApiSite>
{
    public static TheoryData<string> Paths => ["login/phone/send-code", "login/phone"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task AnUnknownAccount_AndAWrongPassword_GetTheSameAnswer(string path)
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();

        using var unknown = await client.PostAsJsonAsync(path, new { email = "nobody-" + Guid.NewGuid().ToString("N") + "@example.com", password = "Wrong-password1", twoFactorCode = "123456" });
        using var wrong = await client.PostAsJsonAsync(path, new { user.Email, password = "Wrong-password1", twoFactorCode = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HeaderNames(wrong), HeaderNames(unknown));
        Assert.Equal(0, user.Phone.MessagesSent());
    }

    [Fact]
    public async Task AnUnknownAccount_TakesAboutAsLongAsAWrongPassword()
    {
        var user = await site.CreateUserAsync();
        using var client = site.Client();

        // Warm both paths (the first hash of an unknown account makes the reference hash).
        await TimeAsync(client, "nobody@example.com");
        await TimeAsync(client, user.Email);

        var unknown = new List<double>();
        var existing = new List<double>();
        for (var round = 0; round < 4; round++)
        {
            unknown.Add(await TimeAsync(client, "nobody-" + round + "@example.com"));
            existing.Add(await TimeAsync(client, user.Email));
        }

        var unknownMedian = Median(unknown);
        var existingMedian = Median(existing);
        output.WriteLine($"send-code, median of 4: unknown account {unknownMedian:F1} ms, wrong password {existingMedian:F1} ms");

        // Without the reference hash an unknown account answered in ~1 ms against ~50+ ms; a wide margin for a busy machine.
        Assert.InRange(unknownMedian / existingMedian, 0.35, 3.0);
    }

    [Fact]
    public async Task ALockedOutAccount_WithAWrongPassword_ReadsLikeAnUnknownOne()
    {
        var user = await site.CreateUserAsync();
        await site.WithUserAsync(user, (users, identity) => users.SetLockoutEndDateAsync(identity, DateTimeOffset.UtcNow.AddMinutes(5)));
        using var client = site.Client();

        using var unknown = await client.PostAsJsonAsync("login/phone/send-code", new { email = "nobody@example.com", password = "Wrong-password1" });
        using var locked = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, password = "Wrong-password1" });
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await locked.Content.ReadAsStringAsync());
        Assert.Equal(HeaderNames(unknown), HeaderNames(locked));

        using var owner = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        await Answers.ProblemAsync(owner, HttpStatusCode.Unauthorized, "urn:identity-signalwire:locked-out");
        Assert.True(owner.Headers.Contains("Retry-After"));
    }

    private static async Task<double> TimeAsync(HttpClient client, string email)
    {
        var watch = Stopwatch.StartNew();
        using var answer = await client.PostAsJsonAsync("login/phone/send-code", new { email, password = "Wrong-password1" });
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Select(header => header.Key).Where(name => name != "Date").Order(StringComparer.OrdinalIgnoreCase)];
}
