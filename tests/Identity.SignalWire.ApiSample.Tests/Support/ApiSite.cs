using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Identity.SignalWire.ApiSample;
using Identity.SignalWire.Testing;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.ApiSample.Tests.Support;

/// <summary>
/// The API sample on real Kestrel on a free loopback port, with the embedded emulator on a clock the test moves, its own
/// SQLite file and a private redis-server for pending codes and send budgets.
/// </summary>
public class ApiSite : BrowserTestSite
{
    private RedisServer? _redis;

    /// <inheritdoc />
    protected override string SampleName => "Identity.SignalWire.ApiSample";

    /// <summary>The site's Redis server, to stop and start for an outage.</summary>
    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("The site has not started.");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        "--ConnectionStrings:ApiSample=Data Source=" + Path.Combine(DataFolder, "api.db"),
        "--ConnectionStrings:Redis=" + Redis.Configuration,
    ];

    /// <inheritdoc />
    protected override Task<WebApplication> BuildAsync(string[] args, TimeProvider clock) => ApiSampleApp.BuildAsync(args, clock);

    /// <summary>A client of <c>/account/</c> as a third party writes it: no cookies unless asked.</summary>
    public HttpClient Client(bool cookies = false) =>
        new(new SocketsHttpHandler { UseCookies = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Address + "/account/"),
        };

    /// <summary>A user made straight in the store: a confirmed phone and two-factor sign-in on, unless told otherwise.</summary>
    public async Task<ApiUser> CreateUserAsync(bool phone = true, bool twoFactor = true)
    {
        var user = new ApiUser("user-" + Guid.NewGuid().ToString("N")[..12] + "@example.com", "Pa55word!" + Guid.NewGuid().ToString("N")[..6], new TestPhone(Emulator));
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var created = await users.CreateAsync(
            new IdentityUser
            {
                UserName = user.Email,
                Email = user.Email,
                PhoneNumber = phone ? user.Phone.Number : null,
                PhoneNumberConfirmed = phone,
                TwoFactorEnabled = twoFactor,
            },
            user.Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(error => error.Description)));
        return user;
    }

    /// <summary>Reads a user's lockout state straight from Identity.</summary>
    public Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync(ApiUser user) =>
        LockoutStateAsync<IdentityUser>(user.Email);

    /// <summary>Runs <paramref name="action"/> with the site's UserManager and the user.</summary>
    public async Task<T> WithUserAsync<T>(ApiUser user, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> action)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await action(users, (await users.FindByEmailAsync(user.Email))!);
    }

    /// <summary>The first sign-in step; returns the code the emulator texted.</summary>
    public static async Task<string> SendSignInCodeAsync(HttpClient client, ApiUser user)
    {
        using var sent = await client.PostAsJsonAsync("login/phone/send-code", new { user.Email, user.Password });
        Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
        return await user.Phone.NextCodeAsync();
    }

    /// <summary>Signs in through the two phone steps with a bearer token, and returns the token body.</summary>
    public static async Task<JsonElement> SignInAsync(HttpClient client, ApiUser user)
    {
        var code = await SendSignInCodeAsync(client, user);
        using var signedIn = await client.PostAsJsonAsync("login/phone", new { user.Email, user.Password, twoFactorCode = code });
        Assert.Equal(System.Net.HttpStatusCode.OK, signedIn.StatusCode);
        return await signedIn.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Signs in with the password alone (MapIdentityApi's /login), for a user without two-factor sign-in.</summary>
    public static async Task<JsonElement> PasswordSignInAsync(HttpClient client, ApiUser user)
    {
        using var response = await client.PostAsJsonAsync("login", new { user.Email, user.Password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What the access token says, read with the site's own bearer protector.</summary>
    public AuthenticationTicket ReadToken(string accessToken) =>
        App.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme)
            .BearerTokenProtector.Unprotect(accessToken) ?? throw new InvalidOperationException("The token cannot be read.");
}

/// <summary>The site with a 30-second resend cooldown, a pumping guard that trips after three sends, and two regions.</summary>
public sealed class RefusalSite : ApiSite
{
    /// <inheritdoc />
    protected override TimeSpan ResendCooldown => TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        .. base.SiteArguments(),
        "--SignalWire:PumpingGuard:MinimumSends=3",
        "--SignalWire:PumpingGuard:MinimumVerifiedRatio=0.5",
        "--SignalWire:AllowedRegions:0=US",
        "--SignalWire:AllowedRegions:1=GB",
    ];
}

/// <summary>A test account: its e-mail, password and phone.</summary>
public sealed record ApiUser(string Email, string Password, TestPhone Phone);

/// <summary>Reading answers.</summary>
public static class Answers
{
    /// <summary>The problem document of a refusal, after checking its status and media type.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(type, problem.GetProperty("type").GetString());
        return problem;
    }

    /// <summary>The Retry-After header in seconds; fails when there is none.</summary>
    public static int RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "No Retry-After header.");
        return int.Parse(values.Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>A bearer request.</summary>
    public static HttpRequestMessage Bearer(HttpMethod method, string path, JsonElement token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return request;
    }
}
