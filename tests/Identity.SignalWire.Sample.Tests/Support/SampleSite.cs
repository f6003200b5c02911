using System.Globalization;
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Identity.SignalWire.Sample.Tests.Support;

/// <summary>
/// The sample site on real Kestrel on a free loopback port (Playwright needs a socket), with its own SQLite file, the
/// embedded emulator on a clock the test moves, and headless Debian Chromium. One per test class.
/// </summary>
public class SampleSite : IAsyncLifetime
{
    /// <summary>How long a code lives in these tests; short, so that the sign-in cookie outlives an expiry.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "signalwire-sample-tests-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;

    /// <summary>Gets the clock of the site and the emulator; starts at the real time and moves only when told.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Gets the running site.</summary>
    public WebApplication App { get; private set; } = null!;

    /// <summary>Gets the site's address, <c>http://127.0.0.1:{port}</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Gets the emulator the site sends its codes to.</summary>
    public SignalWireMfaEmulator Emulator { get; private set; } = null!;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the folder screenshots are saved to.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Gets the resend cooldown this site runs with; zero lets tests resend at once.</summary>
    protected virtual TimeSpan ResendCooldown => TimeSpan.Zero;

    /// <summary>Gets how many code requests the rate limiter allows per window.</summary>
    protected virtual int SendPermitLimit => 1000;

    /// <summary>Gets the accounts one client may create per window; high, since every test registers its users.</summary>
    protected virtual int RegisterPermitLimit => 1000;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(ScreenshotFolder);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            "--contentRoot=" + FindSampleFolder(),
            "--ConnectionStrings:Sample=Data Source=" + Path.Combine(folder, "sample.db"),
            "--ConnectionStrings:Redis=",
            // Empty credentials override any user secrets on the machine: these tests always use the emulator.
            "--SignalWire:SpaceName=",
            "--SignalWire:BaseAddress=",
            "--SignalWire:ProjectId=",
            "--SignalWire:ApiToken=",
            "--SignalWire:ValidFor=" + CodeLifetime.ToString("c", CultureInfo.InvariantCulture),
            "--SignalWire:ResendCooldown=" + ResendCooldown.ToString("c", CultureInfo.InvariantCulture),
            "--RateLimiting:SendCode:PermitLimit=" + SendPermitLimit.ToString(CultureInfo.InvariantCulture),
            "--RateLimiting:Register:PermitLimit=" + RegisterPermitLimit.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            // The failure tests make SignalWire fail on purpose: its warnings would only be noise here.
            "--Logging:LogLevel:Identity.SignalWire=Error",
        ];

        App = await SampleApp.BuildAsync(args, Clock);
        await App.StartAsync();
        Address = App.Urls.Single().TrimEnd('/');
        Emulator = App.Services.GetRequiredService<SignalWireMfaEmulator>();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies) and page at the site.</summary>
    /// <param name="locale">The browser's language, sent as Accept-Language, such as "fr-FR"; Chromium's own when null.</param>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 900, Height = 720 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Reads a user's lockout state straight from Identity.</summary>
    public async Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync(string email)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No user " + email);
        return (await users.GetAccessFailedCountAsync(user), await users.GetLockoutEndDateAsync(user));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static string FindSampleFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "Identity.SignalWire.Sample");
            if (File.Exists(Path.Combine(candidate, "Identity.SignalWire.Sample.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("samples/Identity.SignalWire.Sample was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The site with the library's default 30-second resend cooldown.</summary>
public sealed class CooldownSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override TimeSpan ResendCooldown => TimeSpan.FromSeconds(30);
}

/// <summary>The site with a rate limit of two code requests per window.</summary>
public sealed class RateLimitedSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override int SendPermitLimit => 2;

    /// <inheritdoc />
    protected override int RegisterPermitLimit => 2;
}
