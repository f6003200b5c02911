using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// The session a signed-in request came with, as <c>SignInManager</c> and step-up must see it: the bearer token when
/// the request carries one (its ticket holds the step-up proof), otherwise the Identity cookie.
/// </summary>
internal static class IdentityApiSession
{
    /// <summary>
    /// Points <paramref name="signIn"/> at the scheme this request was signed in with, so that step-up reads the proof
    /// from, and writes it to, the session the client holds.
    /// </summary>
    public static async Task UseRequestSchemeAsync<TUser>(HttpContext context, SignInManager<TUser> signIn)
        where TUser : class
    {
        var schemes = context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var bearer = await schemes.GetSchemeAsync(IdentityConstants.BearerScheme).ConfigureAwait(false) is not null
            && (await context.AuthenticateAsync(IdentityConstants.BearerScheme).ConfigureAwait(false)).Succeeded;
        signIn.AuthenticationScheme = bearer ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which issues the session again (a new cookie, or a new bearer token). A cookie
    /// goes out as a header; a bearer token is written by its handler as the whole body, so it is caught here and
    /// returned, to go into the answer's <c>token</c>. <see langword="null"/> for a cookie session.
    /// </summary>
    public static async Task<JsonElement?> ReissueAsync<TUser>(HttpContext context, SignInManager<TUser> signIn, Func<Task> write)
        where TUser : class
    {
        if (signIn.AuthenticationScheme != IdentityConstants.BearerScheme)
        {
            await write().ConfigureAwait(false);
            return null;
        }

        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await write().ConfigureAwait(false);
        }
        finally
        {
            response.Body = body;
        }

        // The handler set the JSON content type for its own body; the endpoint writes the answer's.
        response.ContentType = null;
        response.ContentLength = null;
        if (buffer.Length == 0)
        {
            return null;
        }

        buffer.Position = 0;
        using var token = await JsonDocument.ParseAsync(buffer).ConfigureAwait(false);
        return token.RootElement.Clone();
    }

    /// <summary>Issues the session again after its security stamp changed, as the stock manage pages do.</summary>
    public static Task<JsonElement?> RefreshAsync<TUser>(HttpContext context, SignInManager<TUser> signIn, TUser user)
        where TUser : class =>
        ReissueAsync(context, signIn, () => signIn.RefreshSignInAsync(user));
}
