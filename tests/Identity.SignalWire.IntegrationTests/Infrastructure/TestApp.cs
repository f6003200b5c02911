using System.Collections.Concurrent;
using System.Net;
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Identity.SignalWire.Testing;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// One instance of a site that signs users in with a password and a SignalWire code: Kestrel on 127.0.0.1, Identity
/// over EF Core SQLite, Identity's cookies, the Redis distributed cache and the SignalWire providers pointed at the
/// emulator. Several instances built on one <see cref="TestSiteStore"/> behave as one site behind a load balancer.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string Password = "Correct-Horse-9";

    /// <summary>The languages the site's request localization accepts; a browser asking for another gets en-US.</summary>
    public static readonly string[] SupportedCultures = ["en-US", "fr-FR", "fr-CA", "de-DE", "is-IS"];

    private readonly WebApplication _app;

    private TestApp(WebApplication app, SignalWireTraffic traffic, ConcurrentQueue<Exception> errors)
    {
        _app = app;
        SignalWire = traffic;
        Errors = errors;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = new Uri(address.EndsWith('/') ? address : address + "/", UriKind.Absolute);
    }

    /// <summary>Gets the root address of this instance: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Gets what this instance asked SignalWire.</summary>
    public SignalWireTraffic SignalWire { get; }

    /// <summary>
    /// Gets the exceptions requests ended in: every <see cref="SignalWireMfaException"/> the endpoints turned into a
    /// 503, and every other exception that reached Kestrel (which answers those with an empty 500).
    /// </summary>
    public ConcurrentQueue<Exception> Errors { get; }

    public static async Task<TestApp> StartAsync(
        SignalWireMfaEmulator emulator,
        RedisDeployment redis,
        TestSiteStore store,
        Action<SignalWireMfaOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var traffic = new SignalWireTraffic();
        var errors = new ConcurrentQueue<Exception>();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "Identity.SignalWire.IntegrationTests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var services = builder.Services;
        services.AddSingleton(errors);
        services.AddDbContext<SiteDbContext>(options => options.UseSqlite($"Data Source={store.DatabasePath}"));
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis.Configuration;
            options.InstanceName = store.CacheInstanceName;
        });

        // Shared keys and one application name: a cookie written by one instance is read by another.
        services.AddDataProtection()
            .SetApplicationName("Identity.SignalWire.IntegrationTests")
            .PersistKeysToFileSystem(new DirectoryInfo(store.KeysDirectory));

        // These tests are about codes, not password strength: the default 100,000 PBKDF2 iterations would make the
        // 200-user test spend most of its time hashing (two hashes per user) on a two-core machine.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);

        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<SiteDbContext>()
            .AddSignalWireTokenProviders(options =>
            {
                options.BaseAddress = emulator.BaseAddress;
                options.ProjectId = emulator.ProjectId;
                options.ApiToken = emulator.ApiToken;

                // Tests send several codes to one user or number within seconds; the send budgets have tests of
                // their own and must not refuse these sends.
                options.ResendCooldown = TimeSpan.Zero;
                options.Budgets.MaxSendsPerUser = 1_000;
                options.Budgets.MaxSendsPerNumber = 1_000;
                options.Budgets.MaxConfirmationSendsPerUser = 1_000;
                options.Budgets.MaxConfirmationSendsPerNumber = 1_000;
                configure?.Invoke(options);
            });
        services.AddHttpClient(SignalWireDefaults.HttpClientName).AddHttpMessageHandler(traffic.CreateHandler);
        services.AddHealthChecks().AddSignalWire();
        configureServices?.Invoke(services);

        services.ConfigureApplicationCookie(options =>
        {
            // An API answers 401, not a redirect to a login page that this site does not have.
            options.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception)
            {
                errors.Enqueue(exception);
                throw;
            }
        });

        // The request's language, from Accept-Language, as a localized site sets it: codes are sent in it.
        app.UseRequestLocalization(options => options
            .SetDefaultCulture("en-US")
            .AddSupportedCultures(SupportedCultures)
            .AddSupportedUICultures(SupportedCultures));
        app.UseAuthentication();
        app.UseAuthorization();
        TestAppEndpoints.Map(app);
        StepUpTestEndpoints.Map(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<SiteDbContext>().Database;
            await database.EnsureCreatedAsync();

            // Readers do not wait for writers in WAL mode: 200 parallel sign-ins read users while a few write.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await app.StartAsync();
        return new TestApp(app, traffic, errors);
    }

    /// <summary>A new browser (its own cookie jar) pointed at this instance.</summary>
    public Browser NewBrowser() => new(Address, new CookieContainer());

    /// <summary>Creates a user with a password, a confirmed <paramref name="phoneNumber"/> and two-factor sign-in on.</summary>
    public async Task<IdentityUser> CreateUserAsync(string email, string? phoneNumber, bool phoneConfirmed = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(email)
        {
            Email = email,
            PhoneNumber = phoneNumber,
            PhoneNumberConfirmed = phoneNumber is not null && phoneConfirmed,
            TwoFactorEnabled = true,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Description)));
        return user;
    }

    /// <summary>Reads the user fresh from the database, in a scope of its own.</summary>
    public async Task<IdentityUser> FindUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByNameAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>Runs <paramref name="action"/> with a UserManager of a new scope, and the user read in that scope.</summary>
    public async Task<T> WithUserManagerAsync<T>(string email, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return await action(users, user);
    }

    /// <summary>The pending code of a user and purpose as this instance reads it, in a new scope.</summary>
    public Task<SignalWirePendingCode?> PendingCodeAsync(string email, string purpose = SignalWireDefaults.TwoFactorPurpose) =>
        WithUserManagerAsync(email, async (users, user) =>
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignalWirePendingCodes<IdentityUser>>().FindAsync(user, purpose);
        });

    /// <summary>Cancels the pending code of a user and purpose from this instance.</summary>
    public Task<bool> CancelPendingCodeAsync(string email, string purpose = SignalWireDefaults.TwoFactorPurpose) =>
        WithUserManagerAsync(email, async (users, user) =>
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignalWirePendingCodes<IdentityUser>>().CancelAsync(user, purpose);
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}

internal sealed class SiteDbContext(DbContextOptions<SiteDbContext> options) : IdentityDbContext<IdentityUser>(options);
