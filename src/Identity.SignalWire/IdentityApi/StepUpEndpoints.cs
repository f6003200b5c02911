using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    private static async Task<IResult> SendCodeAsync(HttpContext context)
    {
        var (request, body, problem) = await SignedInRequest<TUser>.StartAsync(context, IdentityApiJson.Default.StepUpCodeRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (IdentityApiRequests.ReadChannel(body!.Channel) is not { } channel)
        {
            return IdentityApiProblems.Invalid("channel", "channel is \"sms\" or \"call\".");
        }

        // Only to the number already confirmed, never to one being added: the library refuses it too.
        if (!(await request!.StepUp.GetMethodsAsync(context, request.User).ConfigureAwait(false)).HasFlag(SignalWireStepUpMethods.Sms))
        {
            return IdentityApiProblems.Refusal(
                StatusCodes.Status409Conflict,
                IdentityApiProblems.NoConfirmedPhone,
                "There is no confirmed phone number to send a code to. Use another way to confirm it's you.");
        }

        try
        {
            await request.StepUp.SendCodeAsync(request.User, channel).ConfigureAwait(false);
            return await request.PendingAsync("step-up", SignalWireDefaults.StepUpPurpose).ConfigureAwait(false);
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }

    private static async Task<IResult> ProveAsync(HttpContext context)
    {
        var (request, body, problem) = await SignedInRequest<TUser>.StartAsync(context, IdentityApiJson.Default.StepUpRequest).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var method = body!.Method?.ToUpperInvariant() switch
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

        var phoneCode = method is SignalWireStepUpMethods.Sms or SignalWireStepUpMethods.Call;
        var wellFormed = method switch
        {
            SignalWireStepUpMethods.RecoveryCode => IdentityApiRequests.IsRecoveryCodeShaped(body.Code),
            SignalWireStepUpMethods.Authenticator => body.Code is { Length: > 0 and <= 16 } && body.Code.All(c => char.IsAsciiDigit(c) || c is ' ' or '-'),
            _ => context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>().IsWellFormed(body.Code),
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
                context, request!.SignIn, async () => result = await request.StepUp.ProveAsync(context, request.User, method, body.Code).ConfigureAwait(false)).ConfigureAwait(false);
            switch (result)
            {
                case SignalWireStepUpResult.Succeeded:
                    return SignedInRequest<TUser>.Answer(await request.StateAsync(satisfied: true).ConfigureAwait(false) with { Token = token });
                case SignalWireStepUpResult.Failed:
                    return await request.CodeInvalidAsync(phoneCode ? SignalWireDefaults.StepUpPurpose : null).ConfigureAwait(false);
                case SignalWireStepUpResult.LockedOut:
                    var end = await request.Users.GetLockoutEndDateAsync(request.User).ConfigureAwait(false);
                    return IdentityApiProblems.WithWait(
                        IdentityApiProblems.Refusal(StatusCodes.Status403Forbidden, IdentityApiProblems.LockedOut, "Too many wrong codes. Wait, then try again."),
                        end - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                default:
                    return IdentityApiProblems.Refusal(
                        StatusCodes.Status400BadRequest,
                        IdentityApiProblems.StepUpMethodUnavailable,
                        "This way of confirming it's you is not available. Use another one.",
                        new Dictionary<string, object?> { ["methods"] = await request.MethodNamesAsync().ConfigureAwait(false) });
            }
        }
        catch (SignalWireMfaException exception)
        {
            return IdentityApiProblems.From(exception);
        }
    }
}
