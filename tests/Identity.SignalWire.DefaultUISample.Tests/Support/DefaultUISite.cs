using System.Globalization;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Identity.SignalWire.DefaultUISample.Tests.Support;

/// <summary>
/// The default-UI sample as it is, its template Program.cs untouched, started through <see cref="WebApplicationFactory{TEntryPoint}"/>
/// on real Kestrel on a free loopback port (Playwright needs a socket), with its own SQLite file, an emulator of the
/// test's own and headless Debian Chromium. One per test class.
/// </summary>
public class DefaultUISite : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "signalwire-defaultui-tests-" + Guid.NewGuid().ToString("N"));
    private SampleFactory? _factory;
    private IPlaywright? _playwright;

    /// <summary>Gets the site's address, <c>http://127.0.0.1:{port}</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Gets the site's services.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Gets the emulator the site sends its codes to.</summary>
    public SignalWireMfaEmulator Emulator { get; private set; } = null!;

    /// <summary>Gets every line the site logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the resend cooldown the site runs with; zero lets tests resend at once.</summary>
    protected virtual TimeSpan ResendCooldown => TimeSpan.Zero;

    /// <summary>Changes the site's services after the sample's own, as a test needs (a Redis cache, for one).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private void ConfigureWebHost(IWebHostBuilder web)
    {
        web.UseEnvironment("Development");
        web.UseSetting("ConnectionStrings:DefaultConnection", "DataSource=" + Path.Combine(_dataFolder, "app.db") + ";Cache=Shared");
        // The test's own emulator, named as SignalWire itself would be: the sample then starts none (one started inside
        // the sample's Program would be the first host WebApplicationFactory sees, and it would take that one).
        web.UseSetting("SignalWire:SpaceName", string.Empty);
        web.UseSetting("SignalWire:BaseAddress", Emulator.BaseAddress.ToString());
        web.UseSetting("SignalWire:ProjectId", Emulator.ProjectId);
        web.UseSetting("SignalWire:ApiToken", Emulator.ApiToken);

        web.UseSetting("SignalWire:ResendCooldown", ResendCooldown.ToString("c", CultureInfo.InvariantCulture));
        web.UseSetting("Logging:LogLevel:Default", "Warning");
        web.UseSetting("Logging:LogLevel:Identity.SignalWire", "Error");
        web.ConfigureLogging(logging => logging.AddProvider(Logs));
        web.ConfigureServices(ConfigureServices);
    }

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        Emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions());
        _factory = new SampleFactory(ConfigureWebHost);
        _factory.StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies) and page at the site.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1000, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Reads a user straight from Identity.</summary>
    public async Task<T> WithUserAsync<T>(string email, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> read)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No user " + email);
        return await read(users, user);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    // Kestrel is chosen in the constructor, before anything builds the host, as ASP.NET Core's own tests do.
    private sealed class SampleFactory : WebApplicationFactory<global::Program>
    {
        private readonly Action<IWebHostBuilder> _configure;

        public SampleFactory(Action<IWebHostBuilder> configure)
        {
            _configure = configure;
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => _configure(builder);
    }
}
