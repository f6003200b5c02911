using StackExchange.Redis;

namespace Identity.SignalWire.Sample;

/// <summary>
/// The answer to a Redis outage that no page catches itself: 503 with <c>Retry-After</c> and "try again in a moment",
/// never a 500. With <c>ConnectionStrings:Redis</c> set, the Data Protection keys that protect cookies and forms live
/// in Redis too, and ASP.NET Core reads them from there when the site starts with Redis down, or when it refreshes
/// them (once a day). The sign-in pages catch the library's <see cref="SignalWireMfaErrorKind.StoreUnavailable"/>
/// themselves, and keep the user's step.
/// </summary>
internal static partial class RedisOutagePage
{
    /// <summary>Answers a request that failed because Redis did not, with the page below.</summary>
    public static IApplicationBuilder UseRedisOutagePage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsRedisOutage(exception) && !context.Response.HasStarted)
        {
            Log.RedisUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RedisOutagePage)), context.Request.Path, exception);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Try again in a moment - Identity.SignalWire sample</title>
                <link rel="stylesheet" href="/css/site.css">
                </head>
                <body>
                <main class="page">
                <h1>Try again in a moment</h1>
                <p class="alert alert-error" role="alert">This page cannot be shown right now. Try again in a moment. Your account is not affected.</p>
                <p><a href="/">Back to the home page</a></p>
                </main>
                </body>
                </html>
                """, context.RequestAborted);
        }
    });

    // Data Protection wraps what its key store threw (in a CryptographicException, for one): look through the causes.
    private static bool IsRedisOutage(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is RedisException or RedisTimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Redis did not answer while showing {Path}; the page says to try again.", EventName = "RedisUnavailable")]
        public static partial void RedisUnavailable(ILogger logger, PathString path, Exception exception);
    }
}
