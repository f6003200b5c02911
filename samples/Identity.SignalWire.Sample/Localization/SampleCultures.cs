using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Localization;

/// <summary>The languages of the sample and how a request's language is chosen.</summary>
public static class SampleCultures
{
    /// <summary>The languages the pages are translated into; the first is the default.</summary>
    public static readonly IReadOnlyList<(string Name, string NativeName)> Supported =
    [
        ("en", "English"),
        ("es", "Español"),
        ("fr", "Français"),
        ("de", "Deutsch"),
        ("pt", "Português"),
    ];

    /// <summary>Adds the translations and lets data-annotation messages use them too.</summary>
    public static IMvcBuilder AddSampleLocalization(this IMvcBuilder mvc)
    {
        mvc.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        return mvc.AddDataAnnotationsLocalization(options =>
            options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
    }

    /// <summary>
    /// Chooses each request's language: the switcher's cookie first, then the browser's Accept-Language; a regional
    /// language falls back to its parent (fr-CA to fr). The SMS a code goes out in follows the same choice, because
    /// the library reads <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>.
    /// </summary>
    public static IApplicationBuilder UseSampleLocalization(this IApplicationBuilder app)
    {
        var names = Supported.Select(culture => culture.Name).ToArray();
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(names[0])
            .AddSupportedCultures(names)
            .AddSupportedUICultures(names);

        // Cookie, then Accept-Language; no query string, so that a link cannot switch someone's language.
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return app.UseRequestLocalization(options);
    }
}
