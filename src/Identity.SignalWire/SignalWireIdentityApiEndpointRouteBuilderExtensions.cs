using Identity.SignalWire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

// In the namespace of MapIdentityApi, so that both are found where endpoints are mapped.
namespace Microsoft.AspNetCore.Routing;

/// <summary>Maps two-factor sign-in by phone, and phone management, beside <c>MapIdentityApi</c>.</summary>
public static class SignalWireIdentityApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds JSON endpoints for single-page and mobile apps, in <c>MapIdentityApi</c>'s shape (map both on the same
    /// group): <c>POST /login/phone/send-code</c> and <c>POST /login/phone</c> (sign-in with a code by text or call, or a
    /// recovery code, issuing what <c>/login</c> issues), and under <c>/manage</c>, for the signed-in user, the phone
    /// number, its confirmation, two-factor sign-in by phone, pending codes and step-up. Refusals and outages are
    /// problem documents with a <c>type</c> of the form <c>urn:identity-signalwire:…</c>, and <c>Retry-After</c> on waits.
    /// </summary>
    /// <typeparam name="TUser">The Identity user type.</typeparam>
    /// <param name="endpoints">Where to add the endpoints, such as <c>app.MapGroup("/account")</c>.</param>
    /// <returns>A builder for conventions on every endpoint added (rate limiting, CORS, …).</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddSignalWireTokenProviders()</c> or <c>AddSignalWireStepUp()</c> was not called.
    /// </exception>
    public static IEndpointConventionBuilder MapSignalWireIdentityApi<TUser>(this IEndpointRouteBuilder endpoints)
        where TUser : class, new()
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registered = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        if (registered is not null
            && (!registered.IsService(typeof(SignalWirePendingCodes<TUser>)) || !registered.IsService(typeof(SignalWireStepUp<TUser>))))
        {
            throw new InvalidOperationException(
                "MapSignalWireIdentityApi needs the SignalWire token providers and step-up: call AddSignalWireTokenProviders() and then AddSignalWireStepUp() on the Identity builder.");
        }

        var group = endpoints.MapGroup(string.Empty);
        PhoneSignInEndpoints<TUser>.Map(group);

        // As MapIdentityApi's /manage: signed in, and a 401 rather than a redirect to a login page.
        var manage = group.MapGroup("/manage").RequireAuthorization().DisableCookieRedirect();
        PhoneManageEndpoints<TUser>.Map(manage);
        StepUpEndpoints<TUser>.Map(manage);
        return group;
    }
}
