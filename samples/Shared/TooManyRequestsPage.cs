using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Identity.SignalWire.Samples;

/// <summary>
/// The page the rate limiter answers with in both samples: 429, a Retry-After header, and words instead of an empty
/// body. Only the stylesheet differs, each sample's own.
/// </summary>
internal static class TooManyRequestsPage
{
    /// <summary>Writes the page.</summary>
    /// <param name="context">The rejected request and its lease.</param>
    /// <param name="stylesheet">The sample's stylesheet, for example <c>/css/site.css</c>.</param>
    /// <param name="cancellationToken">Aborts the write.</param>
    public static async ValueTask WriteAsync(OnRejectedContext context, string stylesheet, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var wait = "a few minutes";
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            wait = WaitInWords.Duration(retryAfter);
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many requests - Identity.SignalWire sample</title>
            <link rel="stylesheet" href="{WebUtility.HtmlEncode(stylesheet)}">
            </head>
            <body>
            <main class="page">
            <h1>Too many requests</h1>
            <p class="alert alert-error alert-danger" role="alert">You asked for codes too often. Wait {wait}, then go back and try again.</p>
            <p><a href="/">Back to the home page</a></p>
            </main>
            </body>
            </html>
            """, cancellationToken);
    }
}
