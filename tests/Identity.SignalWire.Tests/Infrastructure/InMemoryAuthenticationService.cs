using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire.Tests.Infrastructure;

/// <summary>
/// Keeps the principals SignInManager signs in, by scheme, in memory: the cookie round trip a browser would make
/// between the password step and the code step, without HTTP. The browser tests cover the real cookies.
/// </summary>
internal sealed class InMemoryAuthenticationService : IAuthenticationService
{
    private readonly Dictionary<string, ClaimsPrincipal> _principals = new(StringComparer.Ordinal);

    public bool IsSignedIn(string scheme) => _principals.ContainsKey(scheme);

    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme) =>
        Task.FromResult(scheme is not null && _principals.TryGetValue(scheme, out var principal)
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, scheme))
            : AuthenticateResult.NoResult());

    public Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties)
    {
        _principals[scheme!] = principal;
        return Task.CompletedTask;
    }

    public Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
    {
        _principals.Remove(scheme!);
        return Task.CompletedTask;
    }

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties) => Task.CompletedTask;
}
