using System.Globalization;
using Identity.SignalWire.BlazorSample.Data;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Testing;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.BlazorSample.Tests.Support;

/// <summary>
/// The Blazor sample in the browser-test harness, with its own SQLite file. Its Program.cs keeps the template's shape,
/// so the site is its real Program (<see cref="SampleProgram"/>), given the test's clock, log capture and simulated
/// caller as its host is built, and an emulator on the test's clock in place of the one it would start itself.
/// </summary>
public class BlazorSite : BrowserTestSite
{
    private SampleProgram? _program;
    private SignalWireMfaEmulator? _emulator;

    /// <inheritdoc />
    protected override string SampleName => "Identity.SignalWire.BlazorSample";

    /// <summary>Gets how many code requests the rate limiter allows per window.</summary>
    protected virtual int SendPermitLimit => 1000;

    /// <summary>Gets the accounts one client may create per window; high, since every test registers its users.</summary>
    protected virtual int RegisterPermitLimit => 1000;

    /// <summary>Reads a user's lockout state straight from Identity.</summary>
    public Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync(string email) =>
        LockoutStateAsync<ApplicationUser>(email);

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        "--ConnectionStrings:DefaultConnection=DataSource=" + Path.Combine(DataFolder, "app.db") + ";Cache=Shared",
        "--RateLimiting:SendCode:PermitLimit=" + SendPermitLimit.ToString(CultureInfo.InvariantCulture),
        "--RateLimiting:Register:PermitLimit=" + RegisterPermitLimit.ToString(CultureInfo.InvariantCulture),
    ];

    /// <inheritdoc />
    protected override async Task<IHost> StartSiteAsync(string[] args)
    {
        // SignalWire settings make the Program's AddSignalWireMfaEmulatorInDevelopment() stand aside for this emulator.
        _emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { TimeProvider = Clock });
        string[] all =
        [
            .. args,
            // The entry assembly here is the test host: name the application, whose components and static assets count.
            "--applicationName=" + typeof(ApplicationDbContext).Assembly.GetName().Name,
            "--SignalWire:BaseAddress=" + _emulator.BaseAddress.AbsoluteUri,
            "--SignalWire:ProjectId=" + _emulator.ProjectId,
            "--SignalWire:ApiToken=" + _emulator.ApiToken,
        ];
        _program = await SampleProgram.StartAsync(all, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(_emulator);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IStartupFilter>(new SimulatedCallerFilter());
        });
        return _program.Host;
    }

    /// <inheritdoc />
    protected override async Task StopSiteAsync()
    {
        _program?.Stop();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    // The simulated caller first, as a real connection's address is known before any middleware runs.
    private sealed class SimulatedCallerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(SimulateCaller);
            next(app);
        };
    }
}

/// <summary>The Blazor sample with <c>ConnectionStrings:Redis</c> set to a private redis-server of its own, which tests stop and restart.</summary>
public sealed class RedisBlazorSite : BlazorSite
{
    private RedisServer? _redis;

    /// <summary>Gets the Redis server that holds the site's pending codes and send budgets.</summary>
    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("The site has not started.");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() => [.. base.SiteArguments(), "--ConnectionStrings:Redis=" + Redis.Configuration];
}

/// <summary>The Blazor sample with the library's default 30-second resend cooldown.</summary>
public sealed class CooldownBlazorSite : BlazorSite
{
    /// <inheritdoc />
    protected override TimeSpan ResendCooldown => TimeSpan.FromSeconds(30);
}

/// <summary>The Blazor sample with rate limits of two code requests and two registrations per window.</summary>
public sealed class RateLimitedBlazorSite : BlazorSite
{
    /// <inheritdoc />
    protected override int SendPermitLimit => 2;

    /// <inheritdoc />
    protected override int RegisterPermitLimit => 2;
}
