using System.Globalization;
using Identity.SignalWire.Testing;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Sample.Tests.Support;

/// <summary>The Razor Pages sample in the browser-test harness, with its own SQLite file and no Redis unless a subclass gives one.</summary>
public class SampleSite : BrowserTestSite
{
    /// <summary>Gets how many code requests the rate limiter allows per window.</summary>
    protected virtual int SendPermitLimit => 1000;

    /// <summary>Gets the accounts one client may create per window; high, since every test registers its users.</summary>
    protected virtual int RegisterPermitLimit => 1000;

    /// <inheritdoc />
    protected override string SampleName => "Identity.SignalWire.Sample";

    /// <summary>Gets the Redis server the site keeps its cache and keys in; none (the memory cache) when empty.</summary>
    protected virtual string RedisConfiguration => string.Empty;

    /// <summary>Reads a user's lockout state straight from Identity.</summary>
    public Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync(string email) =>
        LockoutStateAsync<IdentityUser>(email);

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        "--ConnectionStrings:Sample=Data Source=" + Path.Combine(DataFolder, "sample.db"),
        "--ConnectionStrings:Redis=" + RedisConfiguration,
        "--RateLimiting:SendCode:PermitLimit=" + SendPermitLimit.ToString(CultureInfo.InvariantCulture),
        "--RateLimiting:Register:PermitLimit=" + RegisterPermitLimit.ToString(CultureInfo.InvariantCulture),
    ];

    /// <inheritdoc />
    protected override Task<WebApplication> BuildAsync(string[] args, TimeProvider clock) => SampleApp.BuildAsync(args, clock);
}

/// <summary>The site with the library's default 30-second resend cooldown.</summary>
public sealed class CooldownSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override TimeSpan ResendCooldown => TimeSpan.FromSeconds(30);
}

/// <summary>The site logging everything at Debug, its own code filters aside, as a developer chasing a bug would run it.</summary>
public sealed class DebugLoggingSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        .. base.SiteArguments(),
        "--Logging:LogLevel:Default=Debug",
        "--Logging:LogLevel:Microsoft=Debug",
        "--Logging:LogLevel:Microsoft.AspNetCore=Debug",
        "--Logging:LogLevel:Microsoft.AspNetCore.Identity=Debug",
        "--Logging:LogLevel:Identity.SignalWire=Debug",
    ];
}

/// <summary>The site with a rate limit of two code requests per window.</summary>
public sealed class RateLimitedSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override int SendPermitLimit => 2;

    /// <inheritdoc />
    protected override int RegisterPermitLimit => 2;
}

/// <summary>
/// The site with <c>ConnectionStrings:Redis</c> set to a private redis-server of its own, as several instances would run
/// it: pending codes, send budgets and Data Protection keys in Redis. Tests stop and restart the server.
/// </summary>
public sealed class RedisSampleSite : SampleSite
{
    private RedisServer? _redis;

    /// <summary>Gets whether the site starts while its Redis server is stopped (on the port it will come back on).</summary>
    public bool RedisDownAtStart { get; init; }

    internal RedisServer Redis => _redis ?? throw new InvalidOperationException("The site has not started.");

    /// <inheritdoc />
    protected override string RedisConfiguration => Redis.Configuration;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        if (RedisDownAtStart)
        {
            await _redis.StopAsync();
        }

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
}
