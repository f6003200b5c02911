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
/// sign-in on or off, and read a pending code. Every change is behind step-up (<see cref="StepUpEndpoints{TUser}"/>), checked
/// after the body is read, so that a malformed request is a 400 whatever the session.
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

    private static async Task<IResult> GetAsync(HttpContext context)
    {
        var (request, problem) = await SignedInRequest<TUser>.StartAsync(context).ConfigureAwait(false);
        return problem ?? SignedInRequest<TUser>.Answer(await request!.StateAsync().ConfigureAwait(false));
    }

    private static async Task<IResult> AddAsync(HttpContext context)
    {
        var (request, body, problem) = await SignedInRequest<TUser>.StartAsync(context, IdentityApiJson.Default.PhoneNumberRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ReadNumber(body!.PhoneNumber) is not { } number)
        {
            return InvalidNumber();
        }

        var (users, user) = (request!.Users, request.User);
        if (number == await users.GetPhoneNumberAsync(user).ConfigureAwait(false) && await users.IsPhoneNumberConfirmedAsync(user).ConfigureAwait(false))
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.AlreadyConfirmed, "This number is already confirmed.");
        }

        if (await request.RequireStepUpAsync().ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        try
        {
            // By text: Identity checks a confirmation with its one ChangePhoneNumber provider, SignalWire's SMS provider.
            await users.GenerateChangePhoneNumberTokenAsync(user, number).ConfigureAwait(false);
            return await request.PendingAsync("confirmation", ConfirmationPurposePrefix + number).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context)
    {
        var (request, body, problem) = await SignedInRequest<TUser>.StartAsync(context, IdentityApiJson.Default.PhoneConfirmationRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ReadNumber(body!.PhoneNumber) is not { } number)
        {
            return InvalidNumber();
        }

        if (!context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>().IsWellFormed(body.Code))
        {
            return IdentityApiProblems.Invalid("code", "code is not a code of the length and alphabet this site sends.");
        }

        if (await request!.RequireStepUpAsync().ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        try
        {
            if (!(await request.Users.ChangePhoneNumberAsync(request.User, number, body.Code!).ConfigureAwait(false)).Succeeded)
            {
                return await request.CodeInvalidAsync(ConfirmationPurposePrefix + number).ConfigureAwait(false);
            }
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }

        // The security stamp changed: the session is issued again so that it stays valid (a bearer client gets new tokens).
        return await request.RefreshedStateAsync().ConfigureAwait(false);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context)
    {
        var (request, problem) = await SignedInRequest<TUser>.StartAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (users, user) = (request!.Users, request.User);
        if (string.IsNullOrEmpty(await users.GetPhoneNumberAsync(user).ConfigureAwait(false)))
        {
            return SignedInRequest<TUser>.Answer(await request.StateAsync().ConfigureAwait(false));
        }

        if (await request.RequireStepUpAsync().ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        // Without its number, an account whose only second factor is the phone would sign in with the password alone.
        if (await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false) && string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false)))
        {
            return IdentityApiProblems.Refusal(
                StatusCodes.Status409Conflict,
                IdentityApiProblems.PhoneIsOnlyFactor,
                "The phone is your only second factor. Turn two-factor sign-in off first, or add an authenticator app.");
        }

        if (!(await users.SetPhoneNumberAsync(user, null).ConfigureAwait(false)).Succeeded)
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.NumberRefused, "The phone number could not be removed.");
        }

        return await request.RefreshedStateAsync().ConfigureAwait(false);
    }

    private static async Task<IResult> SetTwoFactorAsync(HttpContext context)
    {
        var (request, body, problem) = await SignedInRequest<TUser>.StartAsync(context, IdentityApiJson.Default.PhoneTwoFactorRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Enabled is not { } enabled)
        {
            return IdentityApiProblems.Invalid("enabled", "enabled is true or false.");
        }

        var (users, user) = (request!.Users, request.User);
        if (enabled == await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            return SignedInRequest<TUser>.Answer(await request.StateAsync().ConfigureAwait(false));
        }

        // On or off, behind step-up: turning it on makes recovery codes, which must not go to a stolen session.
        if (await request.RequireStepUpAsync().ConfigureAwait(false) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        if (enabled && !(await request.StepUp.GetMethodsAsync(context, user).ConfigureAwait(false)).HasFlag(SignalWireStepUpMethods.Sms))
        {
            return IdentityApiProblems.Refusal(StatusCodes.Status409Conflict, IdentityApiProblems.NoConfirmedPhone, "Add and confirm a phone number first.");
        }

        await users.SetTwoFactorEnabledAsync(user, enabled).ConfigureAwait(false);
        if (!enabled || !users.SupportsUserTwoFactorRecoveryCodes || await users.CountRecoveryCodesAsync(user).ConfigureAwait(false) > 0)
        {
            return await request.RefreshedStateAsync().ConfigureAwait(false);
        }

        // Making the codes issues the session again (with the new stamp), recording that this session made them.
        IReadOnlyList<string>? codes = null;
        var token = await IdentityApiSession.ReissueAsync(
            context, request.SignIn, async () => codes = await request.StepUp.GenerateRecoveryCodesAsync(context, user, 10).ConfigureAwait(false)).ConfigureAwait(false);
        var state = await request.StateAsync(satisfied: false).ConfigureAwait(false);

        // Read from the session the request came with; the one just issued records that it made these codes.
        return SignedInRequest<TUser>.Answer(state with
        {
            StepUpMethods = [.. state.StepUpMethods.Where(method => method != "recoveryCode")],
            RecoveryCodes = codes,
            Token = token,
        });
    }

    private static async Task<IResult> GetPendingCodeAsync(HttpContext context, [FromQuery] string? purpose, [FromQuery] string? phoneNumber)
    {
        var (request, problem) = await SignedInRequest<TUser>.StartAsync(context).ConfigureAwait(false);
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
            return await request!.PendingAsync(purpose, storedPurpose).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static string? ReadNumber(string? input) =>
        input is { Length: <= 64 } && E164PhoneNumber.TryNormalize(input, out var number) ? number : null;

    private static IResult InvalidNumber() =>
        IdentityApiProblems.Refusal(
            StatusCodes.Status400BadRequest,
            IdentityApiProblems.InvalidNumber,
            "Enter the number with + and the country code, for example +1 201 555 0123.",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["phoneNumber"] = [E164PhoneNumber.Rule] } });
}
