using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Samples;

/// <summary>
/// The ASP.NET Core rate limits of both samples, one copy: the <see cref="SendCodeRateLimitOptions.PolicyName"/> policy on
/// every page that sends a code and the <see cref="RegistrationRateLimitOptions.PolicyName"/> policy on registration,
/// with the same configuration sections and defaults, answered by <see cref="TooManyRequestsPage"/>. Clients are known by
/// their address after forwarded headers from known proxies were applied (<see cref="AddSampleForwardedHeaders"/>).
/// </summary>
public static class SampleRateLimits
{
    /// <summary>Binds both settings sections and adds the rate limiter with both policies.</summary>
    /// <param name="services">The services.</param>
    /// <param name="stylesheet">The sample's stylesheet, linked from the "Too many requests" page.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSampleRateLimits(this IServiceCollection services, string stylesheet)
    {
        services.AddOptions<SendCodeRateLimitOptions>().BindConfiguration(SendCodeRateLimitOptions.SectionName);
        services.AddOptions<RegistrationRateLimitOptions>().BindConfiguration(RegistrationRateLimitOptions.SectionName);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SendCodeRateLimitOptions.PolicyName, SendCodePartition);
            options.AddPolicy(RegistrationRateLimitOptions.PolicyName, RegistrationPartition);
            options.OnRejected = (context, cancellationToken) => TooManyRequestsPage.WriteAsync(context, stylesheet, cancellationToken);
        });
    }

    /// <summary>
    /// Behind a reverse proxy the client's address is in X-Forwarded-For, and every rate limit keys on it. Only the
    /// proxies named in ForwardedHeaders:KnownProxies (addresses) and ForwardedHeaders:KnownNetworks (CIDR) are
    /// believed; with neither set, only a proxy on loopback is, as ASP.NET Core does by default. Believing any sender
    /// would let a client pick a fresh address for every request. The site calls <c>app.UseForwardedHeaders()</c> first.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The site's configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSampleForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies holds \"{proxy}\", which is not an IP address such as 10.0.0.5."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks holds \"{network}\", which is not a CIDR network such as 10.0.0.0/8."));
            }
        });
    }

    // Only POSTs send codes; showing the page is never limited. Signed-in users are counted by user, the rest by IP
    // (an IPv6 client by its /64).
    private static RateLimitPartition<string> SendCodePartition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var key = userId is not null ? "user:" + userId : ClientAddress.PartitionKey(context.Connection.RemoteIpAddress);
        var settings = context.RequestServices.GetRequiredService<IOptions<SendCodeRateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }

    // Only POSTs create accounts; counted by IP, an IPv6 client by its /64.
    private static RateLimitPartition<string> RegistrationPartition(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var settings = context.RequestServices.GetRequiredService<IOptions<RegistrationRateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.PartitionKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
        });
    }
}
