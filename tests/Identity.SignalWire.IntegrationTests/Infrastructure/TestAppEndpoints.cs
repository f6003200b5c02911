using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// The smallest login flow a real site has, as JSON endpoints: password, then a code by SMS or call, then a cookie.
/// Each one is a thin call into SignInManager, so that the tests exercise Identity's own flow around the providers.
/// </summary>
internal static class TestAppEndpoints
{
    public static void Map(WebApplication app)
    {
        // 200 with whether a code is needed; 401 for a wrong password or a locked-out user.
        app.MapPost("/login", async (LoginForm form, SignInManager<IdentityUser> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(form.Email, form.Password, isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded || result.RequiresTwoFactor
                ? Results.Ok(new LoginOutcome(result.Succeeded, result.RequiresTwoFactor))
                : Results.Json(new VerifyOutcome(result.IsLockedOut), statusCode: StatusCodes.Status401Unauthorized);
        });

        // 204 once SignalWire accepted the code request; 401 without a password step; 503 when SignalWire failed.
        app.MapPost("/2fa/send", async (string provider, HttpContext context, SignInManager<IdentityUser> signIn, ConcurrentQueue<Exception> errors) =>
        {
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
            {
                return Results.Unauthorized();
            }

            try
            {
                await signIn.UserManager.GenerateTwoFactorTokenAsync(user, provider);
                return Results.NoContent();
            }
            catch (SignalWireMfaException exception)
            {
                errors.Enqueue(exception);
                return Unavailable(context, exception);
            }
        });

        // 200 signed in; 401 for a wrong, expired or used code (counted toward lockout); 503 when SignalWire failed
        // (not counted: the code may well have been right).
        app.MapPost("/2fa/verify", async (CodeForm form, HttpContext context, SignInManager<IdentityUser> signIn, ConcurrentQueue<Exception> errors) =>
        {
            try
            {
                var result = await signIn.TwoFactorSignInAsync(form.Provider, form.Code, isPersistent: false, rememberClient: false);
                return result.Succeeded
                    ? Results.Ok()
                    : Results.Json(new VerifyOutcome(result.IsLockedOut), statusCode: StatusCodes.Status401Unauthorized);
            }
            catch (SignalWireMfaException exception)
            {
                errors.Enqueue(exception);
                return Unavailable(context, exception);
            }
        });

        // 200 with the user's name once fully signed in; 401 otherwise.
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new Me(user.Identity?.Name))).RequireAuthorization();
    }

    private static IResult Unavailable(HttpContext context, SignalWireMfaException exception)
    {
        double? retryAfter = exception.RetryAfter is { } wait ? Math.Ceiling(wait.TotalSeconds) : null;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(new MfaFailure(exception.Kind.ToString(), retryAfter), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record LoginForm(string Email, string Password);

internal sealed record LoginOutcome(bool Succeeded, bool RequiresTwoFactor);

internal sealed record CodeForm(string Provider, string Code);

internal sealed record VerifyOutcome(bool LockedOut);

internal sealed record MfaFailure(string Kind, double? RetryAfterSeconds);

internal sealed record Me(string? Name);
