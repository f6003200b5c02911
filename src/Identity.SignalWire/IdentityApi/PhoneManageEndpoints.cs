using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using FromQueryAttribute = Microsoft.AspNetCore.Mvc.FromQueryAttribute;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// The signed-in user's phone number and two-factor sign-in by phone, under <c>/manage</c> as <c>MapIdentityApi</c>'s
/// own: read the state, add or change the number (a code to the new number), confirm it, remove it, turn two-factor
/// sign-in on or off, and read a pending code. Every change is behind step-up (<see cref="StepUpEndpoints{TUser}"/>).
/// </summary>
internal static class PhoneManageEndpoints<TUser>
    where TUser : class, new()
{
    private const string ConfirmationPurposePrefix = "ChangePhoneNumber:";

    public static void Map(IEndpointRouteBuilder manage)
    {
        manage.MapGet("/phone", (Func<HttpContext, Task<IResult>>)GetAsync)
            .WithSummary("Reads the phone number (masked), whether it is confirmed, two-factor sign-in and step-up")
            .Produces<PhoneStateResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        manage.MapPost("/phone", (Func<HttpContext, Task<IResult>>)AddAsync)
            .WithSummary("Sends a text with a code to a new phone number (step-up first)")
            .AcceptsJson<PhoneNumberRequest>()
            .Produces<PendingCodeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        manage.MapPost("/phone/confirm", (Func<HttpContext, Task<IResult>>)ConfirmAsync)
            .WithSummary("Stores the new number as confirmed, with the code it got (step-up first)")
            .AcceptsJson<PhoneConfirmationRequest>()
            .Produces<PhoneStateResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        manage.MapDelete("/phone", (Func<HttpContext, Task<IResult>>)RemoveAsync)
            .WithSummary("Removes the phone number (step-up first)")
            .Produces<PhoneStateResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        manage.MapPost("/phone/two-factor", (Func<HttpContext, Task<IResult>>)SetTwoFactorAsync)
            .WithSummary("Turns two-factor sign-in by phone on or off (step-up first); turning it on makes recovery codes if none are left")
            .AcceptsJson<PhoneTwoFactorRequest>()
            .Produces<PhoneStateResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        manage.MapGet("/phone/code", GetPendingCodeAsync)
            .WithSummary("Reads a pending code: channel, masked number, expiry, tries left, next send")
            .WithDescription("purpose is \"step-up\", or \"confirmation\" with the phoneNumber being confirmed.")
            .Produces<PendingCodeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The signed-in user, with <c>SignInManager</c> pointed at the request's session; or the problem.</summary>
    public static async Task<(TUser? User, IResult? Problem)> SignedInAsync(HttpContext context, SignInManager<TUser> signIn)
    {
        await IdentityApiSession.UseRequestSchemeAsync(context, signIn).ConfigureAwait(false);
        var user = await signIn.UserManager.GetUserAsync(context.User).ConfigureAwait(false);
        return user is null
            ? (null, IdentityApiProblems.Refusal(StatusCodes.Status404NotFound, IdentityApiProblems.UserNotFound, "This account no longer exists."))
            : (user, null);
    }

    /// <summary>The 403 <c>step-up-required</c> problem when the session has no fresh proof; <see langword="null"/> when it may go on.</summary>
    public static async Task<IResult?> RequireStepUpAsync(HttpContext context, SignalWireStepUp<TUser> stepUp, TUser user)
    {
        if (await stepUp.IsSatisfiedAsync(context, user).ConfigureAwait(false))
        {
            return null;
        }

        return IdentityApiProblems.Refusal(
            StatusCodes.Status403Forbidden,
            SignalWireDefaults.StepUpRequiredProblemType,
            "Confirm it's you first: prove the second factor again at /manage/step-up, then repeat the request.",
            new Dictionary<string, object?> { ["methods"] = StepUpEndpoints<TUser>.MethodNames(await stepUp.GetMethodsAsync(context, user).ConfigureAwait(false)) });
    }

    /// <summary>The state to answer with; <paramref name="satisfied"/> when this request just changed it.</summary>
    public static async Task<PhoneStateResponse> StateAsync(HttpContext context, SignalWireStepUp<TUser> stepUp, UserManager<TUser> users, TUser user, bool? satisfied = null)
    {
        var phone = await users.GetPhoneNumberAsync(user).ConfigureAwait(false);
        var twoFactor = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        var required = await stepUp.IsRequiredAsync(user).ConfigureAwait(false);
        return new PhoneStateResponse(
            string.IsNullOrEmpty(phone) ? null : E164PhoneNumber.Mask(phone),
            await users.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false),
            twoFactor,
            required,
            satisfied ?? (required && await stepUp.IsSatisfiedAsync(context, user).ConfigureAwait(false)),
            StepUpEndpoints<TUser>.MethodNames(await stepUp.GetMethodsAsync(context, user).ConfigureAwait(false)),
            twoFactor && users.SupportsUserTwoFactorRecoveryCodes ? await users.CountRecoveryCodesAsync(user).ConfigureAwait(false) : 0);
    }

    public static IResult Answer(PhoneStateResponse state) => TypedResults.Json(state, IdentityApiJson.Default.PhoneStateResponse);

    private static async Task<IResult> GetAsync(HttpContext context)
    {
        var (signIn, stepUp) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        return problem ?? Answer(await StateAsync(context, stepUp, signIn.UserManager, user!).ConfigureAwait(false));
    }

    private static async Task<IResult> AddAsync(HttpContext context)
    {
        var (signIn, stepUp) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.PhoneNumberRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (ReadNumber(body!.PhoneNumber) is not { } number)
        {
            return InvalidNumber();
        }

        var users = signIn.UserManager;
        if (number == await users.GetPhoneNumberAsync(user!).ConfigureAwait(false) && await users.IsPhoneNumberConfirmedAsync(user!).ConfigureAwait(false))
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.AlreadyConfirmed, "This number is already confirmed.");
        }

        if (await RequireStepUpAsync(context, stepUp, user!).ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        try
        {
            // By text: Identity checks a confirmation with its one ChangePhoneNumber provider, SignalWire's SMS provider.
            await users.GenerateChangePhoneNumberTokenAsync(user!, number).ConfigureAwait(false);
            return await PendingAsync(context, user!, "confirmation", ConfirmationPurposePrefix + number).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context)
    {
        var (signIn, stepUp) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.PhoneConfirmationRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (ReadNumber(body!.PhoneNumber) is not { } number)
        {
            return InvalidNumber();
        }

        var pendingCodes = context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>();
        if (!pendingCodes.IsWellFormed(body.Code))
        {
            return IdentityApiProblems.Invalid("code", "code is not a code of the length and alphabet this site sends.");
        }

        if (await RequireStepUpAsync(context, stepUp, user!).ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var users = signIn.UserManager;
        try
        {
            var changed = await users.ChangePhoneNumberAsync(user!, number, body.Code!).ConfigureAwait(false);
            if (!changed.Succeeded)
            {
                var pending = await pendingCodes.FindAsync(user!, ConfirmationPurposePrefix + number).ConfigureAwait(false);
                return CodeInvalid(pending);
            }
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }

        // The security stamp changed: the session is issued again so that it stays valid (a bearer client gets new tokens).
        var token = await IdentityApiSession.RefreshAsync(context, signIn, user!).ConfigureAwait(false);
        return Answer(await StateAsync(context, stepUp, users, user!, satisfied: false).ConfigureAwait(false) with { Token = token });
    }

    private static async Task<IResult> RemoveAsync(HttpContext context)
    {
        var (signIn, stepUp) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var users = signIn.UserManager;
        if (string.IsNullOrEmpty(await users.GetPhoneNumberAsync(user!).ConfigureAwait(false)))
        {
            return Answer(await StateAsync(context, stepUp, users, user!).ConfigureAwait(false));
        }

        if (await RequireStepUpAsync(context, stepUp, user!).ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        // Without its number, an account whose only second factor is the phone would sign in with the password alone.
        if (await users.GetTwoFactorEnabledAsync(user!).ConfigureAwait(false) && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user!).ConfigureAwait(false)))
        {
            return IdentityApiProblems.Refusal(
                StatusCodes.Status409Conflict,
                IdentityApiProblems.PhoneIsOnlyFactor,
                "The phone is your only second factor. Turn two-factor sign-in off first, or add an authenticator app.");
        }

        var removed = await users.SetPhoneNumberAsync(user!, null).ConfigureAwait(false);
        if (!removed.Succeeded)
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.NumberRefused, "The phone number could not be removed.");
        }

        var token = await IdentityApiSession.RefreshAsync(context, signIn, user!).ConfigureAwait(false);
        return Answer(await StateAsync(context, stepUp, users, user!, satisfied: false).ConfigureAwait(false) with { Token = token });
    }

    private static async Task<IResult> SetTwoFactorAsync(HttpContext context)
    {
        var (signIn, stepUp) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.PhoneTwoFactorRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!.Enabled is not { } enabled)
        {
            return IdentityApiProblems.Invalid("enabled", "enabled is true or false.");
        }

        var users = signIn.UserManager;
        if (enabled == await users.GetTwoFactorEnabledAsync(user!).ConfigureAwait(false))
        {
            return Answer(await StateAsync(context, stepUp, users, user!).ConfigureAwait(false));
        }

        // On or off, behind step-up: turning it on makes recovery codes, which must not go to a stolen session.
        if (await RequireStepUpAsync(context, stepUp, user!).ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        if (enabled && !(await stepUp.GetMethodsAsync(context, user!).ConfigureAwait(false)).HasFlag(SignalWireStepUpMethods.Sms))
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.NoConfirmedPhone, "Add and confirm a phone number first.");
        }

        await users.SetTwoFactorEnabledAsync(user!, enabled).ConfigureAwait(false);
        IReadOnlyList<string>? codes = null;
        var token = enabled && users.SupportsUserTwoFactorRecoveryCodes && await users.CountRecoveryCodesAsync(user!).ConfigureAwait(false) == 0
            ? await IdentityApiSession.ReissueAsync(context, signIn, async () => codes = await stepUp.GenerateRecoveryCodesAsync(context, user!, 10).ConfigureAwait(false)).ConfigureAwait(false)
            : await IdentityApiSession.RefreshAsync(context, signIn, user!).ConfigureAwait(false);
        var state = await StateAsync(context, stepUp, users, user!, satisfied: false).ConfigureAwait(false);
        if (codes is not null)
        {
            // Read from the session the request came with; the one just issued records that it made these codes.
            state = state with { StepUpMethods = [.. state.StepUpMethods.Where(method => method != "recoveryCode")] };
        }

        return Answer(state with { Token = token, RecoveryCodes = codes });
    }

    private static async Task<IResult> GetPendingCodeAsync(HttpContext context, [FromQuery] string? purpose, [FromQuery] string? phoneNumber)
    {
        var (signIn, _) = Services(context);
        var (user, problem) = await SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        string storedPurpose;
        switch (purpose)
        {
            case "step-up":
                storedPurpose = SignalWireDefaults.StepUpPurpose;
                break;
            case "confirmation" when ReadNumber(phoneNumber) is { } number:
                storedPurpose = ConfirmationPurposePrefix + number;
                break;
            case "confirmation":
                return InvalidNumber();
            default:
                return IdentityApiProblems.Invalid("purpose", "purpose is \"step-up\" or \"confirmation\".");
        }

        try
        {
            return await PendingAsync(context, user!, purpose, storedPurpose).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    /// <summary>The pending code as the answer, or 404 <c>no-code-pending</c>.</summary>
    public static async Task<IResult> PendingAsync(HttpContext context, TUser user, string purposeName, string purpose)
    {
        var pending = await context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>().FindAsync(user, purpose).ConfigureAwait(false);
        return pending is null
            ? IdentityApiProblems.Refusal(StatusCodes.Status404NotFound, IdentityApiProblems.NoCodePending, "No code is waiting. Ask for a new one.")
            : TypedResults.Json(IdentityApiRequests.Describe(purposeName, pending), IdentityApiJson.Default.PendingCodeResponse);
    }

    /// <summary>A wrong code: 400 <c>code-invalid</c>, with the tries the pending code has left.</summary>
    public static IResult CodeInvalid(SignalWirePendingCode? pending) =>
        IdentityApiProblems.Refusal(
            StatusCodes.Status400BadRequest,
            IdentityApiProblems.CodeInvalid,
            pending is { AttemptsLeft: > 0 } ? "That code is not right. Check it and try again." : "That code no longer works. Ask for a new one.",
            new Dictionary<string, object?> { ["attemptsLeft"] = pending?.AttemptsLeft ?? 0 });

    private static (SignInManager<TUser> SignIn, SignalWireStepUp<TUser> StepUp) Services(HttpContext context) =>
        (context.RequestServices.GetRequiredService<SignInManager<TUser>>(), context.RequestServices.GetRequiredService<SignalWireStepUp<TUser>>());

    private static string? ReadNumber(string? input) =>
        input is { Length: <= 64 } && E164PhoneNumber.TryNormalize(input, out var number) ? number : null;

    private static IResult InvalidNumber() =>
        IdentityApiProblems.Refusal(
            StatusCodes.Status400BadRequest,
            IdentityApiProblems.InvalidNumber,
            "Enter the number with + and the country code, for example +1 201 555 0123.",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["phoneNumber"] = [E164PhoneNumber.Rule] } });
}
