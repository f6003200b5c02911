using Microsoft.AspNetCore.Localization;

namespace Identity.SignalWire.BlazorSample.Localization;

/// <summary>The languages of the Blazor sample and how a request's language is chosen.</summary>
public static class SampleCultures
{
    /// <summary>The languages the pages are translated into; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "es", "fr", "de", "pt"];

    /// <summary>
    /// Chooses each request's language from the browser's Accept-Language; a regional language falls back to its parent
    /// (fr-CA to fr). Account pages render on the server in that request, so the SMS a code goes out in follows the same
    /// choice: the library reads <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> when it sends.
    /// </summary>
    public static IApplicationBuilder UseSampleLocalization(this IApplicationBuilder app)
    {
        var names = Supported.ToArray();
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(names[0])
            .AddSupportedCultures(names)
            .AddSupportedUICultures(names);

        // Accept-Language only: no query string or cookie, so that a link cannot switch someone's language.
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        return app.UseRequestLocalization(options);
    }
}
