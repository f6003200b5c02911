using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.UI.DefaultUI;

/// <summary><see cref="TwoFactorAccount"/> for the application's user type.</summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
internal sealed class TwoFactorAccount<TUser>(
    UserManager<TUser> users,
    SignInManager<TUser> signIn,
    SignalWirePendingCodes<TUser> pendingCodes,
    SignalWireStepUp<TUser> stepUp) : TwoFactorAccount
    where TUser : class
{
    private const int RecoveryCodeCount = 10;

    public override async Task<object?> FindSignInUserAsync() => await signIn.GetTwoFactorAuthenticationUserAsync();

    public override async Task<object?> FindUserAsync(ClaimsPrincipal principal) => await users.GetUserAsync(principal);

    public override Task<string?> GetUserNameAsync(object user) => users.GetUserNameAsync(Cast(user));

    public override async Task<PhoneState> GetPhoneStateAsync(object user)
    {
        var typed = Cast(user);
        return new PhoneState(
            await users.GetPhoneNumberAsync(typed),
            await users.IsPhoneNumberConfirmedAsync(typed),
            await users.GetTwoFactorEnabledAsync(typed),
            !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(typed)));
    }

    public override async Task<SignInWays> GetSignInWaysAsync(object user)
    {
        // The providers decide: the SignalWire ones offer themselves only for a confirmed, well-formed number, and the
        // authenticator only once an app is enrolled.
        var providers = await users.GetValidTwoFactorProvidersAsync(Cast(user));
        return new SignInWays(
            providers.Contains(SignalWireDefaults.SmsProviderName) || providers.Contains(SignalWireDefaults.CallProviderName),
            providers.Contains(users.Options.Tokens.AuthenticatorTokenProvider));
    }

    public override Task SendSignInCodeAsync(object user, SignalWireMfaChannel channel) =>
        users.GenerateTwoFactorTokenAsync(Cast(user), SignalWireDefaults.ProviderNameFor(channel));

    public override Task<SignalWirePendingCode?> FindPendingAsync(object user, string purpose) => pendingCodes.FindAsync(Cast(user), purpose);

    public override bool IsWellFormed(string? code) => pendingCodes.IsWellFormed(code);

    public override Task<SignInResult> SignInWithCodeAsync(SignalWireMfaChannel channel, string code, bool isPersistent, bool rememberClient) =>
        signIn.TwoFactorSignInAsync(SignalWireDefaults.ProviderNameFor(channel), code, isPersistent, rememberClient);

    public override Task<SignInResult> SignInWithAuthenticatorAsync(string code, bool isPersistent, bool rememberClient) =>
        signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);

    public override Task<SignInResult> SignInWithRecoveryCodeAsync(string code) => signIn.TwoFactorRecoveryCodeSignInAsync(code);

    public override Task SendConfirmationCodeAsync(object user, string number) =>
        users.GenerateChangePhoneNumberTokenAsync(Cast(user), number);

    public override async Task<bool> ConfirmNumberAsync(object user, string number, string code)
    {
        var typed = Cast(user);
        if (!(await users.ChangePhoneNumberAsync(typed, number, code)).Succeeded)
        {
            return false;
        }

        // The security stamp changed: without a new cookie this session would be signed out at its next check.
        await signIn.RefreshSignInAsync(typed);
        return true;
    }

    public override async Task<IdentityResult> RemoveNumberAsync(object user)
    {
        var typed = Cast(user);
        var result = await users.SetPhoneNumberAsync(typed, null);
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(typed);
        }

        return result;
    }

    public override async Task<IReadOnlyList<string>?> TurnOnTwoFactorAsync(HttpContext context, object user)
    {
        var typed = Cast(user);
        var result = await users.SetTwoFactorEnabledAsync(typed, true);
        if (!result.Succeeded)
        {
            return null;
        }

        // The switch renewed the security stamp: renew the cookie, then make the codes through step-up, which records
        // in that cookie that this session made them, so that they never prove this session.
        await signIn.RefreshSignInAsync(typed);
        return await stepUp.GenerateRecoveryCodesAsync(context, typed, RecoveryCodeCount);
    }

    public override Task<SignalWireStepUpMethods> GetStepUpMethodsAsync(HttpContext context, object user) =>
        stepUp.GetMethodsAsync(context, Cast(user));

    public override Task SendStepUpCodeAsync(object user, SignalWireMfaChannel channel) => stepUp.SendCodeAsync(Cast(user), channel);

    public override Task<SignalWireStepUpResult> ProveAsync(HttpContext context, object user, SignalWireStepUpMethods method, string? code) =>
        stepUp.ProveAsync(context, Cast(user), method, code);


    // Only users this class handed out come back; anything else is a bug in the pages, not user input.
    private static TUser Cast(object user) => (TUser)user;
}
