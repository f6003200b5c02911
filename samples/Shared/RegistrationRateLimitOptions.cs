namespace Identity.SignalWire.Samples;

/// <summary>
/// The ASP.NET Core rate limit on creating accounts, bound from <c>"RateLimiting:Register"</c>. SMS pumping starts
/// with throw-away accounts: each one would get fresh per-user send budgets.
/// </summary>
public sealed class RegistrationRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimiting:Register";

    /// <summary>The rate-limiter policy name, applied to the registration page.</summary>
    public const string PolicyName = "register";

    /// <summary>Gets or sets how many accounts one client (an IPv4 address or an IPv6 /64) may create per window. Defaults to 5.</summary>
    public int PermitLimit { get; set; } = 5;

    /// <summary>Gets or sets the window. Defaults to 1 hour.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}
