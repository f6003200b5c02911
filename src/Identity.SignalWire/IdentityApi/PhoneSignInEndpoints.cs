using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// Two-factor sign-in by phone for clients of <c>MapIdentityApi</c>: <c>POST /login/phone/send-code</c> checks the
/// password and sends a code; <c>POST /login/phone</c> checks the password again with the code (or a recovery code) and
/// signs in exactly as <c>/login</c> does.
/// </summary>
/// <remarks>
/// Nothing is kept between the steps: like <c>/login</c>, the client sends the password with each. So the second step
/// exists only for whoever knows the password, through <c>SignInManager.PasswordSignInAsync</c> and
/// <c>TwoFactorSignInAsync</c> themselves (lockout, <c>amr=mfa</c>, an overridden <c>SignInManager</c>, its metrics); and
/// the code is the library's: one use, bound to the user, the purpose and the security stamp, gone when it expires.
/// </remarks>
internal static class PhoneSignInEndpoints<TUser>
    where TUser : class, new()
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/login/phone/send-code", (Func<HttpContext, Task<IResult>>)SendCodeAsync)
            .WithSummary("Checks the password and sends a sign-in code by text or call")
            .WithDescription("For an account with two-factor sign-in by phone: a code goes to its confirmed number. An unknown account and a wrong password get the same 401.")
            .AcceptsJson<PhoneLoginCodeRequest>()
            .Produces<PendingCodeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/login/phone", SignInAsync)
            .WithSummary("Signs in with the password and the phone code, or a recovery code")
            .WithDescription("Issues what /login issues: a bearer token in the body, or a cookie with useCookies or useSessionCookies.")
            .AcceptsJson<PhoneLoginRequest>()
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> SendCodeAsync(HttpContext context)
    {
        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.PhoneLoginCodeRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (MissingCredentials(body!.Email, body.Password) is { } missing)
        {
            return missing;
        }

        if (IdentityApiRequests.ReadChannel(body.Channel) is not { } channel)
        {
            return IdentityApiProblems.Invalid("channel", "channel is \"sms\" or \"call\".");
        }

        var services = context.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<TUser>>();
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(body.Email!).ConfigureAwait(false);
        if (user is null)
        {
            UnknownAccountPassword<TUser>.Check(users, body.Password!);
            return IdentityApiProblems.SignIn(SignInResult.Failed);
        }

        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true).ConfigureAwait(false);
        if (!checkedPassword.Succeeded)
        {
            return await RefuseAsync(services, users, user, body.Password!, checkedPassword).ConfigureAwait(false);
        }

        var provider = SignalWireDefaults.ProviderNameFor(channel);
        if (!await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false)
            || !(await users.GetValidTwoFactorProvidersAsync(user).ConfigureAwait(false)).Contains(provider))
        {
            // Only someone who knows the password learns this; they could sign in with /login anyway.
            return IdentityApiProblems.Refusal(
                StatusCodes.Status409Conflict,
                IdentityApiProblems.PhoneTwoFactorOff,
                "This account does not use two-factor sign-in by phone. Sign in with the password alone.");
        }

        try
        {
            await users.GenerateTwoFactorTokenAsync(user, provider).ConfigureAwait(false);
            var pending = await services.GetRequiredService<SignalWirePendingCodes<TUser>>()
                .FindAsync(user, SignalWireDefaults.TwoFactorPurpose).ConfigureAwait(false);
            return pending is null
                ? TypedResults.NoContent()
                : TypedResults.Json(IdentityApiRequests.Describe("sign-in", pending), IdentityApiJson.Default.PendingCodeResponse);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromQuery] string? useCookies, [FromQuery] string? useSessionCookies)
    {
        if (!IdentityApiRequests.TryReadFlag(useCookies, out var cookies))
        {
            return IdentityApiProblems.Invalid("useCookies", "useCookies is true or false.");
        }

        if (!IdentityApiRequests.TryReadFlag(useSessionCookies, out var sessionCookies))
        {
            return IdentityApiProblems.Invalid("useSessionCookies", "useSessionCookies is true or false.");
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.PhoneLoginRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (MissingCredentials(body!.Email, body.Password) is { } missing)
        {
            return missing;
        }

        var services = context.RequestServices;
        var pendingCodes = services.GetRequiredService<SignalWirePendingCodes<TUser>>();
        var byCode = !string.IsNullOrEmpty(body.TwoFactorCode);
        if (byCode == !string.IsNullOrEmpty(body.TwoFactorRecoveryCode))
        {
            return IdentityApiProblems.Invalid("twoFactorCode", "send either twoFactorCode or twoFactorRecoveryCode.");
        }

        if (byCode ? !pendingCodes.IsWellFormed(body.TwoFactorCode) : !IdentityApiRequests.IsRecoveryCodeShaped(body.TwoFactorRecoveryCode))
        {
            // A typo is not counted toward lockout: it never reaches a check.
            return byCode
                ? IdentityApiProblems.Invalid("twoFactorCode", "twoFactorCode is not a code of the length and alphabet this site sends.")
                : IdentityApiProblems.Invalid("twoFactorRecoveryCode", "twoFactorRecoveryCode is not a recovery code.");
        }

        // Exactly as /login chooses: a persistent cookie, a session cookie, or a bearer token.
        var signIn = services.GetRequiredService<SignInManager<TUser>>();
        var useCookieScheme = cookies || sessionCookies;
        var isPersistent = cookies && !sessionCookies;
        signIn.AuthenticationScheme = useCookieScheme ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;

        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(body.Email!).ConfigureAwait(false);
        if (user is null)
        {
            UnknownAccountPassword<TUser>.Check(users, body.Password!);
            return IdentityApiProblems.SignIn(SignInResult.Failed);
        }

        try
        {
            var result = await signIn.PasswordSignInAsync(user, body.Password!, isPersistent, lockoutOnFailure: true).ConfigureAwait(false);
            if (result.IsLockedOut || result.IsNotAllowed)
            {
                return await RefuseAsync(services, users, user, body.Password!, result).ConfigureAwait(false);
            }

            if (result.RequiresTwoFactor)
            {
                if (byCode)
                {
                    // The code is checked by the provider of the channel it went by; with none pending, it is simply wrong.
                    var pending = await pendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose).ConfigureAwait(false);
                    result = await signIn.TwoFactorSignInAsync(
                        SignalWireDefaults.ProviderNameFor(pending?.Channel ?? SignalWireMfaChannel.Sms),
                        body.TwoFactorCode!,
                        isPersistent,
                        rememberClient: isPersistent).ConfigureAwait(false);
                }
                else
                {
                    result = await signIn.TwoFactorRecoveryCodeSignInAsync(body.TwoFactorRecoveryCode!).ConfigureAwait(false);
                }
            }

            if (result.Succeeded)
            {
                // The response was written by the sign-in: the bearer token, or the cookie.
                return TypedResults.Empty;
            }

            // The password was right to get here: a lockout is told, with its end.
            return IdentityApiProblems.SignIn(result, result.IsLockedOut ? await LockedOutForAsync(services, users, user).ConfigureAwait(false) : null);
        }
        catch (SignalWireMfaException exception)
        {
            // SignalWire or the cache could not answer: nothing was counted toward lockout.
            return IdentityApiProblems.From(exception);
        }
    }

    // Bounds well above any real address or password: a megabyte "password" is refused before it is hashed.
    private static IResult? MissingCredentials(string? email, string? password) =>
        !IdentityApiRequests.IsEmailShaped(email) ? IdentityApiProblems.Invalid("email", "email is required: an e-mail address of at most 256 characters.")
        : string.IsNullOrEmpty(password) || password.Length > 1024 ? IdentityApiProblems.Invalid("password", "password is required, at most 1024 characters.")
        : null;

    // SignInManager says "locked out" or "not allowed" before it looks at the password, which would tell anyone that the
    // account exists: those answers go only to whoever typed the right password; everyone else reads "Failed".
    private static async Task<IResult> RefuseAsync(IServiceProvider services, UserManager<TUser> users, TUser user, string password, SignInResult result)
    {
        if ((result.IsLockedOut || result.IsNotAllowed) && !await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            return IdentityApiProblems.SignIn(SignInResult.Failed);
        }

        return IdentityApiProblems.SignIn(result, result.IsLockedOut ? await LockedOutForAsync(services, users, user).ConfigureAwait(false) : null);
    }

    private static async Task<TimeSpan?> LockedOutForAsync(IServiceProvider services, UserManager<TUser> users, TUser user) =>
        await users.GetLockoutEndDateAsync(user).ConfigureAwait(false) is { } end
            ? end - services.GetRequiredService<TimeProvider>().GetUtcNow()
            : null;
}
