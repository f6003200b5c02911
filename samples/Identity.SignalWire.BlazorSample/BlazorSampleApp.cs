using Identity.SignalWire.BlazorSample.Components;
using Identity.SignalWire.BlazorSample.Components.Account;
using Identity.SignalWire.BlazorSample.Data;
using Identity.SignalWire.BlazorSample.Localization;
using Identity.SignalWire.UI;
using Identity.SignalWire.Sample;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Identity.SignalWire.BlazorSample;

/// <summary>
/// The Program.cs of <c>dotnet new blazor --auth Individual</c>, as a method. Lines added for SignalWire say so in a
/// comment that starts with "SignalWire:"; every other line is the template's.
/// </summary>
public static class BlazorSampleApp
{
    /// <summary>Builds the site; with no SignalWire credentials, in Development, it first starts the emulator.</summary>
    /// <param name="args">Command-line arguments, for example <c>--urls http://127.0.0.1:0</c>.</param>
    /// <param name="timeProvider">The clock of the site and the emulator; tests pass a fake one.</param>
    /// <returns>The application, not yet started. Disposing it stops the embedded emulator too.</returns>
    public static async Task<WebApplication> BuildAsync(string[] args, TimeProvider? timeProvider = null)
    {
        timeProvider ??= TimeProvider.System;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Components are found in the application assembly: name it, since a test host may be the entry assembly.
            ApplicationName = typeof(BlazorSampleApp).Assembly.GetName().Name,
        });

        // SignalWire: in Development with no credentials, codes go to the embedded emulator (see /dev/phone).
        return await DevelopmentSignalWire.BuildAsync(builder, timeProvider, _ =>
        {
            ConfigureServices(builder, timeProvider);
            var app = builder.Build();
            ConfigurePipeline(app);
            return app;
        });
    }

    private static void ConfigureServices(WebApplicationBuilder builder, TimeProvider timeProvider)
    {
        // Add services to the container.
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection") ?? throw new InvalidOperationException("Connection string 'DefaultConnection' not found.");
        builder.Services.AddDbContext<ApplicationDbContext>(options =>
            options.UseSqlite(connectionString));
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();

        builder.Services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            // SignalWire: SMS and voice-call codes, settings from the "SignalWire" section; also confirms phone numbers.
            .AddSignalWireTokenProviders()
            // SignalWire: the account-page components and step-up before every change to a second factor
            // ([RequireStepUp] on the pages that make one; the step-up page is /Account/Manage/ConfirmIdentity).
            .AddSignalWireBlazorUI();

        builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        // SignalWire: Identity's UserManager logs a failed phone confirmation at Debug with its purpose,
        // "ChangePhoneNumber:" and the full number. Its Debug lines stay off whatever Logging:LogLevel says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Identity.UserManager", LogLevel.Information);

        // SignalWire: pending codes and send budgets live in the distributed cache (use Redis with several instances),
        // and the clock is injectable for the tests.
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton(timeProvider);

        // SignalWire: pages in en, es, fr, de or pt (Resources/Localization); the SMS text follows the same language.
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");

        // SignalWire: the Razor sample's rate limits, one copy in samples/Shared: code sends ("RateLimiting:SendCode",
        // per signed-in user or client) and registrations ("RateLimiting:Register", per client), POSTs only, answered
        // with a readable 429 page. A client is its IPv4 address or IPv6 /64, through X-Forwarded-For of known proxies.
        builder.Services.AddSampleRateLimits(stylesheet: "/lib/bootstrap/dist/css/bootstrap.min.css");
        builder.Services.AddSampleForwardedHeaders(builder.Configuration);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        // SignalWire: first, so that everything after it (rate limits, the loopback-only /dev/phone) sees the real client.
        app.UseForwardedHeaders();

        // Configure the HTTP request pipeline.
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseHttpsRedirection();

        // SignalWire: the browser's language chooses the pages' language and the SMS text's.
        app.UseSampleLocalization();

        // SignalWire: the pages that send codes and Register carry [EnableRateLimiting]; Razor component pages are
        // endpoints, so the limiter sees that metadata. WebApplication runs routing and authentication before this
        // pipeline, so the endpoint and the signed-in user are known here.
        app.UseRateLimiter();

        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();

        // Add additional endpoints required by the Identity /Account Razor components.
        app.MapAdditionalIdentityEndpoints();

        // SignalWire: the database is created (the template's migration applied) at start-up, so that the sample
        // runs on a fresh machine with no `dotnet ef database update`.
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.Migrate();
    }
}
