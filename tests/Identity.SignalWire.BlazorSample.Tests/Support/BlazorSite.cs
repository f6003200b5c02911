using System.Globalization;
using Identity.SignalWire.BlazorSample;
using Identity.SignalWire.BlazorSample.Data;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Builder;

namespace Identity.SignalWire.BlazorSample.Tests.Support;

/// <summary>The Blazor sample in the browser-test harness, with its own SQLite file.</summary>
public class BlazorSite : BrowserTestSite
{
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
    protected override Task<WebApplication> BuildAsync(string[] args, TimeProvider clock) => BlazorSampleApp.BuildAsync(args, clock);
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
