using Identity.SignalWire.Sample.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages;

/// <summary>The language switcher's target: keeps the chosen language in a cookie and goes back to the page.</summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>Remembers <paramref name="culture"/> for a year, when it is one of the sample's languages.</summary>
    /// <param name="culture">The language's name, such as "fr".</param>
    /// <param name="returnUrl">The local page the switcher was on.</param>
    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (SampleCultures.Supported.Any(supported => supported.Name == culture))
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>Nothing to show: the switcher posts here.</summary>
    public IActionResult OnGet() => RedirectToPage("/Index");
}
