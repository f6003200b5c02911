using System.Globalization;
using Identity.SignalWire.Testing.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.Sample.Tests.Support;

/// <summary>The Razor Pages sample in the browser-test harness, with its own SQLite file and no Redis.</summary>
public class SampleSite : BrowserTestSite
{
    /// <summary>Gets how many code requests the rate limiter allows per window.</summary>
    protected virtual int SendPermitLimit => 1000;

    /// <summary>Gets the accounts one client may create per window; high, since every test registers its users.</summary>
    protected virtual int RegisterPermitLimit => 1000;

    /// <inheritdoc />
    protected override string SampleName => "Identity.SignalWire.Sample";

    /// <summary>Reads a user's lockout state straight from Identity.</summary>
    public Task<(int AccessFailedCount, DateTimeOffset? LockoutEnd)> LockoutStateAsync(string email) =>
        LockoutStateAsync<IdentityUser>(email);

    /// <inheritdoc />
    protected override IEnumerable<string> SiteArguments() =>
    [
        "--ConnectionStrings:Sample=Data Source=" + Path.Combine(DataFolder, "sample.db"),
        "--ConnectionStrings:Redis=",
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

/// <summary>The site with a rate limit of two code requests per window.</summary>
public sealed class RateLimitedSampleSite : SampleSite
{
    /// <inheritdoc />
    protected override int SendPermitLimit => 2;

    /// <inheritdoc />
    protected override int RegisterPermitLimit => 2;
}
