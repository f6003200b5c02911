using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identity.SignalWire.Tests.Infrastructure;

/// <summary>
/// Identity as an application has it — UserManager and SignInManager over a real EF Core store (SQLite in memory) —
/// with the SignalWire providers registered through the public extension and SignalWire faked at the HTTP handler.
/// </summary>
internal sealed class IdentityTestHost : IAsyncDisposable
{
    public const string ProjectId = "project-7f3a";
    public const string ApiToken = "PTsecret-token-0123456789abcdef";
    public const string Password = "Correct-Horse-9";

    private readonly SqliteConnection _connection;
    private readonly AsyncServiceScope _scope;
    private readonly FixedHttpContextAccessor _httpContext;

    private IdentityTestHost(SqliteConnection connection, ServiceProvider services)
    {
        _httpContext = (FixedHttpContextAccessor)services.GetRequiredService<IHttpContextAccessor>();
        _connection = connection;
        Services = services;
        _scope = services.CreateAsyncScope();
        // One request for the whole test; a plain field, because HttpContextAccessor's AsyncLocal would not flow
        // back out of this async set-up.
        _httpContext.HttpContext = new DefaultHttpContext { RequestServices = _scope.ServiceProvider };
    }

    public ServiceProvider Services { get; }

    public FakeSignalWireHandler SignalWire { get; } = new();

    public RecordingDistributedCache Cache { get; } = new();

    public InMemoryAuthenticationService Authentication { get; } = new();

    public UserManager<IdentityUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

    public SignInManager<IdentityUser> SignIn => _scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public SignalWirePendingCodes<IdentityUser> PendingCodes => _scope.ServiceProvider.GetRequiredService<SignalWirePendingCodes<IdentityUser>>();

    /// <summary>The pending-code entries the providers wrote, leaving out counters and the hashing key.</summary>
    public IEnumerable<KeyValuePair<string, (byte[] Value, DistributedCacheEntryOptions Options)>> PendingCodeWrites =>
        Cache.Writes.Where(write => write.Key.StartsWith(SignalWireDefaults.CacheKeyPrefix + "code:", StringComparison.Ordinal));

    public static async Task<IdentityTestHost> StartAsync(
        Action<SignalWireMfaOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();

        IdentityTestHost? host = null;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging();
        services.AddDbContext<TestDbContext>(options => options.UseSqlite(connection));
        services.AddSingleton<IDistributedCache>(_ => host!.Cache);
        services.AddSingleton<IHttpContextAccessor, FixedHttpContextAccessor>();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddAuthentication().AddIdentityCookies();
        services.AddSingleton<IAuthenticationService>(_ => host!.Authentication);
        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<TestDbContext>()
            .AddSignInManager()
            .AddSignalWireTokenProviders(options =>
            {
                options.SpaceName = "example";
                options.ProjectId = ProjectId;
                options.ApiToken = ApiToken;

                // Most tests send several codes in a row; the budget tests set their own limits.
                options.ResendCooldown = TimeSpan.Zero;
                options.Budgets.MaxSendsPerUser = 1000;
                options.Budgets.MaxSendsPerNumber = 1000;
                configure?.Invoke(options);
            });
        services.AddHttpClient(SignalWireDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => host!.SignalWire);
        configureServices?.Invoke(services);

        host = new IdentityTestHost(connection, services.BuildServiceProvider(validateScopes: true));
        await host._scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        return host;
    }

    /// <summary>Creates a user with a confirmed number and two-factor sign-in on.</summary>
    public async Task<IdentityUser> CreateUserAsync(
        string email = "ada@example.com",
        string? phoneNumber = "+12015550123",
        bool phoneConfirmed = true,
        bool withPassword = false)
    {
        var user = new IdentityUser(email) { Email = email, PhoneNumber = phoneNumber, PhoneNumberConfirmed = phoneConfirmed, TwoFactorEnabled = true };
        var result = withPassword ? await Users.CreateAsync(user, Password) : await Users.CreateAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await Services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

internal sealed class FixedHttpContextAccessor : IHttpContextAccessor
{
    public HttpContext? HttpContext { get; set; }
}

internal sealed class TestDbContext(DbContextOptions<TestDbContext> options) : IdentityDbContext<IdentityUser>(options);
