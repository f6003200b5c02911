using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire;

/// <summary>
/// A request of a signed-in user to a <c>/manage</c> endpoint: the user, <c>SignInManager</c> pointed at the session the
/// request came with (so that step-up reads and writes the proof there), and step-up. Every such endpoint starts with
/// <see cref="StartAsync{TBody}"/>.
/// </summary>
internal sealed class SignedInRequest<TUser>
    where TUser : class, new()
{
    private SignedInRequest(HttpContext context, SignInManager<TUser> signIn, SignalWireStepUp<TUser> stepUp, TUser user)
    {
        Context = context;
        SignIn = signIn;
        StepUp = stepUp;
        User = user;
    }

    public HttpContext Context { get; }

    public SignInManager<TUser> SignIn { get; }

    public UserManager<TUser> Users => SignIn.UserManager;

    public SignalWireStepUp<TUser> StepUp { get; }

    public TUser User { get; }

    /// <summary>The request and its body (none when <paramref name="body"/> is null), or the problem to answer.</summary>
    public static async Task<(SignedInRequest<TUser>? Request, TBody? Body, IResult? Problem)> StartAsync<TBody>(HttpContext context, JsonTypeInfo<TBody>? body)
        where TBody : class
    {
        var services = context.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<TUser>>();
        await IdentityApiSession.UseRequestSchemeAsync(context, signIn).ConfigureAwait(false);
        if (await signIn.UserManager.GetUserAsync(context.User).ConfigureAwait(false) is not { } user)
        {
            return (null, null, IdentityApiProblems.Refusal(StatusCodes.Status404NotFound, IdentityApiProblems.UserNotFound, "This account no longer exists."));
        }

        var request = new SignedInRequest<TUser>(context, signIn, services.GetRequiredService<SignalWireStepUp<TUser>>(), user);
        if (body is null)
        {
            return (request, null, null);
        }

        var (read, invalid) = await IdentityApiRequests.ReadAsync(context.Request, body).ConfigureAwait(false);
        return (request, read, invalid);
    }

    /// <summary>The request alone, for an endpoint without a body.</summary>
    public static async Task<(SignedInRequest<TUser>? Request, IResult? Problem)> StartAsync(HttpContext context)
    {
        var (request, _, problem) = await StartAsync<object>(context, null).ConfigureAwait(false);
        return (request, problem);
    }

    /// <summary>The 403 <c>step-up-required</c> problem when the session has no fresh proof; <see langword="null"/> when it may go on.</summary>
    public async Task<IResult?> RequireStepUpAsync()
    {
        if (await StepUp.IsSatisfiedAsync(Context, User).ConfigureAwait(false))
        {
            return null;
        }

        return IdentityApiProblems.Refusal(
            StatusCodes.Status403Forbidden,
            SignalWireDefaults.StepUpRequiredProblemType,
            "Confirm it's you first: prove the second factor again at /manage/step-up, then repeat the request.",
            new Dictionary<string, object?> { ["methods"] = await MethodNamesAsync().ConfigureAwait(false) });
    }

    /// <summary>The ways this session can prove itself, as the bodies name them.</summary>
    public async Task<IReadOnlyList<string>> MethodNamesAsync()
    {
        var methods = await StepUp.GetMethodsAsync(Context, User).ConfigureAwait(false);
        return
        [
            .. methods.HasFlag(SignalWireStepUpMethods.Sms) ? ["sms"] : Array.Empty<string>(),
            .. methods.HasFlag(SignalWireStepUpMethods.Call) ? ["call"] : Array.Empty<string>(),
            .. methods.HasFlag(SignalWireStepUpMethods.Authenticator) ? ["authenticator"] : Array.Empty<string>(),
            .. methods.HasFlag(SignalWireStepUpMethods.RecoveryCode) ? ["recoveryCode"] : Array.Empty<string>(),
        ];
    }

    /// <summary>The phone state as the answer; <paramref name="satisfied"/> when this request just changed the proof.</summary>
    public async Task<PhoneStateResponse> StateAsync(bool? satisfied = null)
    {
        var phone = await Users.GetPhoneNumberAsync(User).ConfigureAwait(false);
        var twoFactor = await Users.GetTwoFactorEnabledAsync(User).ConfigureAwait(false);
        var required = await StepUp.IsRequiredAsync(User).ConfigureAwait(false);
        return new PhoneStateResponse(
            string.IsNullOrEmpty(phone) ? null : E164PhoneNumber.Mask(phone),
            await Users.IsPhoneNumberConfirmedAsync(User).ConfigureAwait(false),
            twoFactor,
            required,
            satisfied ?? (required && await StepUp.IsSatisfiedAsync(Context, User).ConfigureAwait(false)),
            await MethodNamesAsync().ConfigureAwait(false),
            twoFactor && Users.SupportsUserTwoFactorRecoveryCodes ? await Users.CountRecoveryCodesAsync(User).ConfigureAwait(false) : 0);
    }

    /// <summary>The pending code for <paramref name="purpose"/> as the answer, or 404 <c>no-code-pending</c>.</summary>
    public async Task<IResult> PendingAsync(string purposeName, string purpose)
    {
        var pending = await Context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>().FindAsync(User, purpose).ConfigureAwait(false);
        return pending is null
            ? IdentityApiProblems.Refusal(StatusCodes.Status404NotFound, IdentityApiProblems.NoCodePending, "No code is waiting. Ask for a new one.")
            : TypedResults.Json(IdentityApiRequests.Describe(purposeName, pending), IdentityApiJson.Default.PendingCodeResponse);
    }

    /// <summary>A wrong code: 400 <c>code-invalid</c>, with the tries the pending code for <paramref name="purpose"/> (if a sent code) has left.</summary>
    public async Task<IResult> CodeInvalidAsync(string? purpose)
    {
        var pending = purpose is null
            ? null
            : await Context.RequestServices.GetRequiredService<SignalWirePendingCodes<TUser>>().FindAsync(User, purpose).ConfigureAwait(false);
        return IdentityApiProblems.Refusal(
            StatusCodes.Status400BadRequest,
            IdentityApiProblems.CodeInvalid,
            pending is { AttemptsLeft: > 0 } ? "That code is not right. Check it and try again." : "That code no longer works. Ask for a new one.",
            new Dictionary<string, object?> { ["attemptsLeft"] = pending?.AttemptsLeft ?? 0 });
    }

    /// <summary>Issues the session again after the security stamp changed, and answers with the state and any new token.</summary>
    public async Task<IResult> RefreshedStateAsync()
    {
        var token = await IdentityApiSession.RefreshAsync(Context, SignIn, User).ConfigureAwait(false);
        return Answer(await StateAsync(satisfied: false).ConfigureAwait(false) with { Token = token });
    }

    public static IResult Answer(PhoneStateResponse state) => TypedResults.Json(state, IdentityApiJson.Default.PhoneStateResponse);
}
