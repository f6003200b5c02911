using System.Globalization;
using System.Net;
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>
/// A sample site on real Kestrel on a free loopback port (Playwright needs a socket), with its own SQLite file, the
/// embedded emulator on a clock the test moves, and headless Debian Chromium. One per test class. Linked as source
/// into each sample's browser tests; a subclass says which sample and how to build it.
/// </summary>
public abstract class BrowserTestSite : IAsyncLifetime
{
    /// <summary>How long a code lives in these tests; short, so that Identity's 5-minute two-factor cookie outlives an expiry.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    /// <summary>Gets the clock of the site and the emulator; starts at the real time and moves only when told.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Gets the running site.</summary>
    public IHost App { get; private set; } = null!;

    /// <summary>Gets the site's address, <c>http://127.0.0.1:{port}</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Gets the emulator the site sends its codes to.</summary>
    public SignalWireMfaEmulator Emulator { get; private set; } = null!;

    /// <summary>Gets every line the site logged, at the levels its logging settings let through.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the folder screenshots are saved to.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Gets a temporary folder of this site's own, deleted at the end (its SQLite file lives here).</summary>
    protected string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "signalwire-browser-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Gets the resend cooldown this site runs with; zero lets tests resend at once.</summary>
    protected virtual TimeSpan ResendCooldown => TimeSpan.Zero;

    /// <summary>Gets the sample's folder name under <c>samples/</c>, which is also its project name.</summary>
    protected abstract string SampleName { get; }

    /// <summary>The sample's own command-line settings, such as its connection strings.</summary>
    protected abstract IEnumerable<string> SiteArguments();

    /// <summary>Builds the sample with <paramref name="args"/> on <paramref name="clock"/>, for <see cref="StartSiteAsync"/>.</summary>
    protected virtual Task<WebApplication> BuildAsync(string[] args, TimeProvider clock) =>
        throw new NotSupportedException("A site overrides BuildAsync, or StartSiteAsync to start the sample another way.");

    /// <summary>
    /// Starts the sample with <paramref name="args"/>: builds it, adds the log capture and the simulated caller, starts
    /// it. A sample whose Program.cs keeps the template's shape starts its real Program instead.
    /// </summary>
    protected virtual async Task<IHost> StartSiteAsync(string[] args)
    {
        var app = await BuildAsync(args, Clock);
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
        app.Use(SimulateCaller);
        await app.StartAsync();
        return app;
    }

    /// <summary>Stops and disposes the site <see cref="StartSiteAsync"/> started.</summary>
    protected virtual async Task StopSiteAsync()
    {
        await App.StopAsync();
        if (App is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            App.Dispose();
        }
    }

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        Directory.CreateDirectory(ScreenshotFolder);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Development",
            "--contentRoot=" + FindSampleFolder(),
            // Empty credentials override any user secrets on the machine: these tests always use the emulator.
            "--SignalWire:SpaceName=",
            "--SignalWire:BaseAddress=",
            "--SignalWire:ProjectId=",
            "--SignalWire:ApiToken=",
            "--SignalWire:ValidFor=" + CodeLifetime.ToString("c", CultureInfo.InvariantCulture),
            "--SignalWire:ResendCooldown=" + ResendCooldown.ToString("c", CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            // The failure tests make SignalWire fail on purpose: its warnings would only be noise here.
            "--Logging:LogLevel:Identity.SignalWire=Error",
            .. SiteArguments(),
        ];

        App = await StartSiteAsync(args);
        Address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        Emulator = App.Services.GetRequiredService<SignalWireMfaEmulator>();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// The header that makes a request look as if it came from another machine, such as 203.0.113.7: the tests listen on
    /// 127.0.0.1 only, so another machine is simulated, as the connection's remote address the pages read.
    /// </summary>
    public const string SimulatedCallerHeader = "X-Test-Remote-Address";

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
    protected async Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync<TUser>(string email)
        where TUser : class
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No user " + email);
        return (await users.GetAccessFailedCountAsync(user), await users.GetLockoutEndDateAsync(user));
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await StopSiteAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>The middleware that reads <see cref="SimulatedCallerHeader"/>.</summary>
    protected static Task SimulateCaller(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers[SimulatedCallerHeader] is [{ } address])
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        }

        return next(context);
    }

    private string FindSampleFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", SampleName);
            if (File.Exists(Path.Combine(candidate, SampleName + ".csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"samples/{SampleName} was not found above {AppContext.BaseDirectory}");
    }
}
