using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Identity.SignalWire.ApiSample;

/// <summary>
/// The API sample: <c>MapIdentityApi</c> and <c>MapSignalWireIdentityApi</c> under <c>/account</c>, Identity on EF Core
/// and SQLite, SignalWire codes (the embedded emulator in Development), and a plain HTML and JavaScript client in
/// wwwroot that signs in with bearer tokens.
/// </summary>
public static class ApiSampleApp
{
    /// <summary>
    /// Builds the site. With no SignalWire credentials configured and in Development, it first starts the SignalWire
    /// MFA emulator on a loopback port and points the library at it.
    /// </summary>
    /// <param name="args">Command-line arguments, for example <c>--urls http://127.0.0.1:0</c>.</param>
    /// <param name="timeProvider">The clock of the site and the embedded emulator; tests pass a fake one.</param>
    /// <returns>The application, not yet started. Disposing it stops the embedded emulator too.</returns>
    public static async Task<WebApplication> BuildAsync(string[] args, TimeProvider? timeProvider = null)
    {
        timeProvider ??= TimeProvider.System;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Static files are found from the application's assembly: name it, since a test host may be the entry assembly.
            ApplicationName = typeof(ApiSampleApp).Assembly.GetName().Name,
        });

        // In Development with no SignalWire credentials, codes go to the emulator; read them on /dev/phone.
        builder.AddSignalWireMfaEmulatorInDevelopment(options => options.TimeProvider = timeProvider);
        ConfigureServices(builder, timeProvider);
        var app = builder.Build();
        ConfigurePipeline(app);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiSampleDbContext>().Database.EnsureCreatedAsync();
        }

        return app;
    }

    private static void ConfigureServices(WebApplicationBuilder builder, TimeProvider timeProvider)
    {
        var services = builder.Services;
        services.AddSingleton(timeProvider);

        // Identity's UserManager logs a failed phone confirmation at Debug with the full number in its purpose.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Identity.UserManager", LogLevel.Information);

        services.AddDbContext<ApiSampleDbContext>(options => options.UseSqlite(ConnectionString(builder)));

        // Bearer tokens and cookies, as MapIdentityApi needs; SignalWire codes and step-up for MapSignalWireIdentityApi.
        services.AddIdentityApiEndpoints<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<ApiSampleDbContext>()
            .AddSignalWireTokenProviders()
            .AddSignalWireStepUp();
        services.AddAuthorization();

        // Pending codes and send budgets live in the distributed cache: Redis when configured, so that instances share them.
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddDistributedMemoryCache();
        }
        else
        {
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "Identity.SignalWire.ApiSample:";
            });
        }

        // The OpenAPI document of every endpoint, at /openapi/v1.json.
        services.AddOpenApi();
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        var account = app.MapGroup("/account");
        account.MapIdentityApi<IdentityUser>()
            // MapIdentityApi's /manage/2fa can turn two-factor off and make recovery codes: behind step-up, as ours are.
            .Add(endpoint =>
            {
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.EndsWith("/manage/2fa", StringComparison.Ordinal))
                {
                    endpoint.Metadata.Add(new AuthorizeAttribute(SignalWireDefaults.StepUpPolicy));
                }
            });
        account.MapSignalWireIdentityApi<IdentityUser>();

        app.MapOpenApi();
        app.MapSignalWireDevelopmentPhone().ExcludeFromDescription();
    }

    // ConnectionStrings:ApiSample, a relative file resolved against the content root, its folder created.
    private static string ConnectionString(WebApplicationBuilder builder)
    {
        var connection = new SqliteConnectionStringBuilder(
            builder.Configuration.GetConnectionString("ApiSample") ?? "Data Source=App_Data/identity-signalwire-api-sample.db");
        if (!Path.IsPathRooted(connection.DataSource) && connection.DataSource != ":memory:")
        {
            connection.DataSource = Path.Combine(builder.Environment.ContentRootPath, connection.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(connection.DataSource)!);
        }

        return connection.ToString();
    }
}

/// <summary>The Identity tables.</summary>
public sealed class ApiSampleDbContext(DbContextOptions<ApiSampleDbContext> options) : IdentityDbContext<IdentityUser>(options);
