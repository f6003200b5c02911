using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.UI.Components.Internal;

/// <summary>
/// Redirects from a static-rendered account page, as the template's <c>IdentityRedirectManager</c> does (which this
/// package cannot see): only to this site, and with the status message the template's <c>StatusMessage</c> reads.
/// </summary>
internal static class Redirects
{
    /// <summary>The cookie the template's <c>StatusMessage</c> component reads once.</summary>
    private const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookie = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>Goes to <paramref name="uri"/> if it is on this site, otherwise to the site's home page.</summary>
    public static void To(NavigationManager navigation, string? uri)
    {
        uri ??= string.Empty;

        // Never to another site: a return address comes from the query string.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.StartsWith("//", StringComparison.Ordinal)
            || uri.StartsWith("/\\", StringComparison.Ordinal))
        {
            uri = uri.StartsWith(navigation.BaseUri, StringComparison.Ordinal) ? navigation.ToBaseRelativePath(uri) : string.Empty;
        }

        navigation.NavigateTo(uri);
    }

    /// <summary>Goes to <paramref name="uri"/>, where the template's status message shows <paramref name="message"/>.</summary>
    public static void WithStatus(NavigationManager navigation, HttpContext context, string uri, string message)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookie.Build(context));
        To(navigation, uri);
    }
}
