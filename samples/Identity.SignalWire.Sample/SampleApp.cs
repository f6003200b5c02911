using Identity.SignalWire.Emulator;
using Identity.SignalWire.Sample.Data;
using Identity.SignalWire.Sample.HumanCheck;
using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Identity.SignalWire.Sample;

/// <summary>Builds the sample site: Identity with EF Core and SQLite, SignalWire SMS and voice codes, Razor Pages.</summary>
public static class SampleApp
{
    /// <summary>
    /// Builds the site. With no SignalWire credentials configured and in Development, it first starts the SignalWire
    /// MFA emulator on a loopback port and points the library at it.
    /// </summary>
    /// <param name="args">Command-line arguments, for example <c>--urls http://127.0.0.1:0</c>.</param>
    /// <param name="timeProvider">
    /// The clock of the site and of the embedded emulator; tests pass a fake one to expire codes without waiting.
    /// </param>
    /// <returns>The application, not yet started. Disposing it stops the embedded emulator too.</returns>
    public static Task<WebApplication> BuildAsync(string[] args, TimeProvider? timeProvider = null)
    {
        timeProvider ??= TimeProvider.System;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages are found in the application assembly: name it, since a test host may be the entry assembly.
            ApplicationName = typeof(SampleApp).Assembly.GetName().Name,
        });

        // In Development with no SignalWire credentials, codes go to the emulator; read them on /dev/phone.
        builder.AddSignalWireMfaEmulatorInDevelopment(options => options.TimeProvider = timeProvider);
        ConfigureServices(builder, timeProvider);
        var app = builder.Build();
        ConfigurePipeline(app);
        SampleDatabase.EnsureCreated(app.Services);
        return Task.FromResult(app);
    }

    private static void ConfigureServices(WebApplicationBuilder builder, TimeProvider timeProvider)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Identity's UserManager logs a failed phone confirmation at Debug with its purpose, "ChangePhoneNumber:" and the
        // full number; a code filter is more specific than Logging:LogLevel:Default, so Debug logging elsewhere keeps it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Identity.UserManager", LogLevel.Information);

        services.AddDbContext<SampleDbContext>(options =>
            options.UseSqlite(SampleDatabase.ConnectionString(configuration, builder.Environment)));

        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<SampleDbContext>()
            // SMS and voice-call providers, settings from the "SignalWire" section; also confirms new phone numbers.
            .AddSignalWireTokenProviders()
            // Step-up before every change to a second factor: [RequireStepUp] on the pages and handlers that make one.
            .AddSignalWireStepUp(options => options.StepUpPath = "/manage/confirmidentity");

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/Login";
        });

        // Pending SignalWire request IDs and send budgets live in the distributed cache; Redis lets several
        // instances share them (and the Data Protection keys that protect cookies).
        var redis = configuration.GetConnectionString("Redis");
        var dataProtection = services.AddDataProtection().SetApplicationName("Identity.SignalWire.Sample");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
        }
        else
        {
            var redisOptions = ConfigurationOptions.Parse(redis);
            // As Microsoft's Redis cache does: a Redis server that is down at start-up does not stop the site.
            redisOptions.AbortOnConnectFail = false;
            var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redisOptions));
            services.AddStackExchangeRedisCache(options =>
            {
                options.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Value);
                options.InstanceName = "Identity.SignalWire.Sample:";
            });
            dataProtection.PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), "Identity.SignalWire.Sample:DataProtection-Keys");
        }

        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Manage");
            options.Conventions.ConfigureFilter(new TamperedCheckboxFilter());
            options.Conventions.AddPageApplicationModelConvention("/Account/Register", page =>
                page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RegistrationRateLimitOptions.PolicyName)));
        }).AddSampleLocalization();

        // The send-code and registration rate limits, shared with the Blazor sample (samples/Shared/SampleRateLimits.cs).
        services.AddSampleRateLimits(stylesheet: "/css/site.css");
        services.AddSampleForwardedHeaders(configuration);

        // The check the challenge page asks for when the pumping guard wants one: a stand-in here; a real site
        // registers its CAPTCHA instead (docs/abuse-protection.md shows Cloudflare Turnstile).
        services.AddSingleton<IHumanCheck, DevelopmentHumanCheck>();
        services.AddSingleton<CodeInput>();
        services.AddSingleton(timeProvider);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        // First: everything after it (HTTPS redirection, rate limits, the loopback-only phone) sees the real client.
        app.UseForwardedHeaders();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStaticFiles();
        app.UseRedisOutagePage();
        app.UseSampleLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapSignalWireDevelopmentPhone();
    }
}
