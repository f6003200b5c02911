using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.UI.Components.Internal;

/// <summary>
/// Which form a static-rendered page was posted from. Blazor dispatches a post only to a form the page renders, so a
/// component whose state changed since it was shown (the code expired) must still render the posted form once, and
/// let its handler answer with a message instead of an error page.
/// </summary>
internal static class FormPost
{
    // The hidden field Blazor adds to every form with a name.
    private const string HandlerField = "_handler";

    /// <summary>Whether this request is the post of the form named <paramref name="formName"/>.</summary>
    public static bool Is(HttpContext context, string formName) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.HasFormContentType
        && string.Equals(context.Request.Form[HandlerField], formName, StringComparison.Ordinal);
}
