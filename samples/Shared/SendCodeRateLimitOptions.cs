namespace Identity.SignalWire.Samples;

/// <summary>
/// The ASP.NET Core rate limit on every page that sends a code, bound from <c>"RateLimiting:SendCode"</c>. It sits in
/// front of the library's own send budgets and answers floods before they reach Identity or the database.
/// </summary>
public sealed class SendCodeRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimiting:SendCode";

    /// <summary>The rate-limiter policy name, applied to the pages that send codes.</summary>
    public const string PolicyName = "send-code";

    /// <summary>Gets or sets how many code requests one user (or one IP before sign-in) may make per window. Defaults to 10.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>Gets or sets the window. Defaults to 10 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
