using Identity.SignalWire.Benchmarks.Peer;
using Identity.SignalWire.Performance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Benchmarks.Infrastructure;

/// <summary>
/// Identity as a site registers it — <c>AddIdentityCore</c>, <c>AddDefaultTokenProviders</c> and
/// <c>AddSignalWireTokenProviders</c> — over the in-memory user store and <c>MemoryDistributedCache</c>, with SignalWire
/// answered by <see cref="CannedSignalWireHandler"/>. One long-lived scope, so that every benchmark calls the same
/// <see cref="UserManager{TUser}"/>.
/// </summary>
internal sealed class BenchmarkSite : IAsyncDisposable
{
    public const string ProjectId = "project-7f3a";
    public const string ApiToken = "PTsecret-token-0123456789abcdef";
    public static readonly Uri BaseAddress = new("https://example.signalwire.com/api/relay/rest/");

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    /// <param name="users">The number of users to create, each with a number of its own.</param>
    /// <param name="signalWire">The handler SignalWire's HTTP calls reach.</param>
    /// <param name="client">Replaces the library's MFA client (and so all HTTP), to measure what is left.</param>
    /// <param name="withSignalWire">False registers Identity's default providers only, for comparison.</param>
    /// <param name="twilioVerify">When given, also registers the peer, a Twilio Verify provider whose calls reach it.</param>
    public BenchmarkSite(
        int users, HttpMessageHandler signalWire, ISignalWireMfaClient? client = null, bool withSignalWire = true, HttpMessageHandler? twilioVerify = null)
    {
        var store = new InMemoryUserStore();
        Users = Enumerable.Range(0, users).Select(i => store.Add($"user{i}@example.com", $"+1201{2_000_000 + i:D7}")).ToArray();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDistributedMemoryCache();
        services.AddSingleton<IUserStore<IdentityUser>>(store);
        var identity = services.AddIdentityCore<IdentityUser>().AddDefaultTokenProviders();
        if (withSignalWire)
        {
            identity.AddSignalWireTokenProviders(options =>
            {
                options.SpaceName = "example";
                options.ProjectId = ProjectId;
                options.ApiToken = ApiToken;
                options.HashKey = "benchmark-hash-key-0123456789-abcdefghij";

                // The budgets stay on, counting, but never refuse: no cooldown, and limits no run reaches.
                options.ResendCooldown = TimeSpan.Zero;
                options.Budgets.MaxSendsPerUser = 1000;
                options.Budgets.MaxSendsPerNumber = 1000;

                // A run sends hundreds of thousands of codes within the hour; the site-wide kill switch would stop it.
                options.Budgets.MaxSiteSendsPerHour = 10_000_000;
            });
            services.AddHttpClient(SignalWireDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => signalWire);
        }

        if (twilioVerify is not null)
        {
            identity.AddTwilioVerifyPeer(twilioVerify);
        }

        if (client is not null)
        {
            services.AddSingleton(client);
        }

        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        UserManager = _scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
    }

    public IdentityUser[] Users { get; }

    public UserManager<IdentityUser> UserManager { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The <see cref="UserManager{TUser}"/> of a new request: a new scope, as ASP.NET Core makes for each one.</summary>
    public async Task<UserManager<IdentityUser>> UserManagerOfNewRequestAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
