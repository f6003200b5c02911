using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// Step-up for API clients, from <see cref="SignalWireStepUp{TUser}"/>: <c>POST /manage/step-up/send-code</c> sends a
/// code to the confirmed number; <c>POST /manage/step-up</c> proves and issues the session again with the proof in it.
/// </summary>
/// <remarks>
/// The proof lives in the session the client holds: in the cookie, or, for a bearer client, in the new access token
/// the answer carries in <c>token</c> (the bearer handler protects the ticket's items with the token). A token made
/// before the proof, a refreshed token (<c>/refresh</c> issues tickets without those items), another user's token and
/// a cookie session have none; any change of the security stamp ends it; it lasts <c>SignalWire:StepUp:FreshFor</c>.
/// </remarks>
internal static class StepUpEndpoints<TUser>
    where TUser : class, new()
{
    public static void Map(IEndpointRouteBuilder manage)
    {
        manage.MapPost("/step-up/send-code", (Func<HttpContext, Task<IResult>>)SendCodeAsync)
            .WithSummary("Sends a step-up code to the confirmed phone number, by text or call")
            .AcceptsJson<StepUpCodeRequest>()
            .Produces<PendingCodeResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        manage.MapPost("/step-up", (Func<HttpContext, Task<IResult>>)ProveAsync)
            .WithSummary("Proves the second factor again; the session (cookie, or the bearer token in 'token') then holds a fresh proof")
            .AcceptsJson<StepUpRequest>()
            .Produces<PhoneStateResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The methods as these bodies name them.</summary>
    public static IReadOnlyList<string> MethodNames(SignalWireStepUpMethods methods)
    {
        var names = new List<string>(4);
        if (methods.HasFlag(SignalWireStepUpMethods.Sms))
        {
            names.Add("sms");
        }

        if (methods.HasFlag(SignalWireStepUpMethods.Call))
        {
            names.Add("call");
        }

        if (methods.HasFlag(SignalWireStepUpMethods.Authenticator))
        {
            names.Add("authenticator");
        }

        if (methods.HasFlag(SignalWireStepUpMethods.RecoveryCode))
        {
            names.Add("recoveryCode");
        }

        return names;
    }

    private static async Task<IResult> SendCodeAsync(HttpContext context)
    {
        var signIn = context.RequestServices.GetRequiredService<SignInManager<TUser>>();
        var stepUp = context.RequestServices.GetRequiredService<SignalWireStepUp<TUser>>();
        var (user, problem) = await PhoneManageEndpoints<TUser>.SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.StepUpCodeRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (IdentityApiRequests.ReadChannel(body!.Channel) is not { } channel)
        {
            return IdentityApiProblems.Invalid("channel", "channel is \"sms\" or \"call\".");
        }

        // Only to the number already confirmed, never to one being added: the library refuses it too.
        if (!(await stepUp.GetMethodsAsync(context, user!).ConfigureAwait(false)).HasFlag(SignalWireStepUpMethods.Sms))
        {
            return IdentityApiProblems.Refusal(
                StatusCodes.Status409Conflict,
                IdentityApiProblems.NoConfirmedPhone,
                "There is no confirmed phone number to send a code to. Use another way to confirm it's you.");
        }

        try
        {
            await stepUp.SendCodeAsync(user!, channel).ConfigureAwait(false);
            return await PhoneManageEndpoints<TUser>.PendingAsync(context, user!, "step-up", SignalWireDefaults.StepUpPurpose).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static async Task<IResult> ProveAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<TUser>>();
        var stepUp = services.GetRequiredService<SignalWireStepUp<TUser>>();
        var (user, problem) = await PhoneManageEndpoints<TUser>.SignedInAsync(context, signIn).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (body, invalid) = await IdentityApiRequests.ReadAsync(context.Request, IdentityApiJson.Default.StepUpRequest).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        SignalWireStepUpMethods method = body!.Method?.ToUpperInvariant() switch
        {
            "SMS" => SignalWireStepUpMethods.Sms,
            "CALL" => SignalWireStepUpMethods.Call,
            "AUTHENTICATOR" => SignalWireStepUpMethods.Authenticator,
            "RECOVERYCODE" => SignalWireStepUpMethods.RecoveryCode,
            _ => SignalWireStepUpMethods.None,
        };
        if (method == SignalWireStepUpMethods.None)
        {
            return IdentityApiProblems.Invalid("method", "method is \"sms\", \"call\", \"authenticator\" or \"recoveryCode\".");
        }

        var pendingCodes = services.GetRequiredService<SignalWirePendingCodes<TUser>>();
        var phoneCode = method is SignalWireStepUpMethods.Sms or SignalWireStepUpMethods.Call;
        var wellFormed = method switch
        {
            SignalWireStepUpMethods.RecoveryCode => IdentityApiRequests.IsRecoveryCodeShaped(body.Code),
            SignalWireStepUpMethods.Authenticator => body.Code is { Length: > 0 and <= 16 } && body.Code.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'),
            _ => pendingCodes.IsWellFormed(body.Code),
        };
        if (!wellFormed)
        {
            // A typo is not counted toward lockout: it never reaches a check.
            return IdentityApiProblems.Invalid("code", "code is not a code this method accepts.");
        }

        try
        {
            var result = SignalWireStepUpResult.MethodUnavailable;
            var token = await IdentityApiSession.ReissueAsync(
                context, signIn, async () => result = await stepUp.ProveAsync(context, user!, method, body.Code).ConfigureAwait(false)).ConfigureAwait(false);
            switch (result)
            {
                case SignalWireStepUpResult.Succeeded:
                    var state = await PhoneManageEndpoints<TUser>.StateAsync(context, stepUp, signIn.UserManager, user!, satisfied: true).ConfigureAwait(false);
                    return PhoneManageEndpoints<TUser>.Answer(state with { Token = token });
                case SignalWireStepUpResult.Failed:
                    return PhoneManageEndpoints<TUser>.CodeInvalid(
                        phoneCode ? await pendingCodes.FindAsync(user!, SignalWireDefaults.StepUpPurpose).ConfigureAwait(false) : null);
                case SignalWireStepUpResult.LockedOut:
                    var end = await signIn.UserManager.GetLockoutEndDateAsync(user!).ConfigureAwait(false);
                    return IdentityApiProblems.WithWait(
                        IdentityApiProblems.Refusal(StatusCodes.Status403Forbidden, IdentityApiProblems.LockedOut, "Too many wrong codes. Wait, then try again."),
                        end - services.GetRequiredService<TimeProvider>().GetUtcNow());
                default:
                    return IdentityApiProblems.Refusal(
                        StatusCodes.Status400BadRequest,
                        IdentityApiProblems.StepUpMethodUnavailable,
                        "This way of confirming it's you is not available. Use another one.",
                        new Dictionary<string, object?> { ["methods"] = MethodNames(await stepUp.GetMethodsAsync(context, user!).ConfigureAwait(false)) });
            }
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }
}
