using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Identity.SignalWire.BlazorSample.Components;
using Identity.SignalWire.BlazorSample.Components.Account;
using Identity.SignalWire.BlazorSample.Data;
using Identity.SignalWire;
using Identity.SignalWire.UI;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Samples;
using Identity.SignalWire.BlazorSample.Localization;

var builder = WebApplication.CreateBuilder(args);
// Sample: with no SignalWire settings, in Development, codes go to an emulator in this process; read them on /dev/phone.
builder.AddSignalWireMfaEmulatorInDevelopment();

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
    .AddSignalWireTokenProviders()
    .AddSignalWireBlazorUI();
builder.Services.AddDistributedMemoryCache();
// Sample: with ConnectionStrings:Redis, pending codes and send budgets live in Redis; a Redis that is down at start-up
// does not stop the site (abortConnect=false), and pages say "try again" while it is.
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    builder.Services.AddStackExchangeRedisCache(options => options.Configuration = redis + ",abortConnect=false");
}

builder.Services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

// Sample: Identity's UserManager logs full phone numbers at Debug; pages in five languages; the rate limits of
// samples/Shared on code sends and registrations, per client, through X-Forwarded-For of known proxies only.
builder.Logging.AddFilter("Microsoft.AspNetCore.Identity.UserManager", LogLevel.Information);
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.AddSampleRateLimits(stylesheet: "/lib/bootstrap/dist/css/bootstrap.min.css");
builder.Services.AddSampleForwardedHeaders(builder.Configuration);

var app = builder.Build();
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
app.UseSampleLocalization();
app.UseRateLimiter();

app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

// Add additional endpoints required by the Identity /Account Razor components.
app.MapAdditionalIdentityEndpoints();
app.MapSignalWireDevelopmentPhone();

// Sample: the database is created on the first run, with no `dotnet ef database update`.
using (var scope = app.Services.CreateScope())
{
    scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.Migrate();
}

app.Run();
