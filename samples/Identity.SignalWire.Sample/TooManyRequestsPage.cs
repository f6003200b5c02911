using System.Globalization;
using System.Threading.RateLimiting;
using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.RateLimiting;

namespace Identity.SignalWire.Sample;

/// <summary>The page the rate limiter answers with: 429, a Retry-After header, and words instead of an empty body.</summary>
internal static class TooManyRequestsPage
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var wait = "a few minutes";
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            wait = CodeMessages.Duration(retryAfter);
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many requests - Identity.SignalWire sample</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main class="page">
            <h1>Too many requests</h1>
            <p class="alert alert-error" role="alert">You asked for codes too often. Wait {wait}, then go back and try again.</p>
            <p><a href="/">Back to the home page</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
