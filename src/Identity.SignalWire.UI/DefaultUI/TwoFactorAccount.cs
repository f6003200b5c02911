using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire.UI.DefaultUI;

/// <summary>
/// What the drop-in pages do with Identity and the library, without naming the application's user type: the pages are
/// compiled once, for any <c>TUser</c>, and this is registered as <see cref="TwoFactorAccount{TUser}"/> for the type
/// the application's Identity builder has. A user travels through the pages as <see cref="object"/>, and only the one
/// this type handed out is ever handed back.
/// </summary>
internal abstract class TwoFactorAccount
{
    /// <summary>The user between the password and the second step (Identity's two-factor cookie); null when none.</summary>
    public abstract Task<object?> FindSignInUserAsync();

    /// <summary>The signed-in user of <paramref name="principal"/>; null when the account is gone.</summary>
    public abstract Task<object?> FindUserAsync(ClaimsPrincipal principal);

    /// <summary>The user's name, as the profile page shows it.</summary>
    public abstract Task<string?> GetUserNameAsync(object user);

    /// <summary>The user's phone number, whether it is confirmed, and whether two-factor sign-in is on.</summary>
    public abstract Task<PhoneState> GetPhoneStateAsync(object user);

    /// <summary>The ways the user can pass the second step of sign-in.</summary>
    public abstract Task<SignInWays> GetSignInWaysAsync(object user);

    /// <summary>Sends a sign-in code to the user's confirmed number, by text or call.</summary>
    public abstract Task SendSignInCodeAsync(object user, SignalWireMfaChannel channel);

    /// <summary>The code pending for the user and purpose; null when none.</summary>
    public abstract Task<SignalWirePendingCode?> FindPendingAsync(object user, string purpose);

    /// <summary>Whether <paramref name="code"/> can be a SignalWire code at all (length and alphabet).</summary>
    public abstract bool IsWellFormed(string? code);

    /// <summary>The second step with the code sent by <paramref name="channel"/>.</summary>
    public abstract Task<SignInResult> SignInWithCodeAsync(SignalWireMfaChannel channel, string code, bool isPersistent, bool rememberClient);

    /// <summary>The second step with a code from the authenticator app.</summary>
    public abstract Task<SignInResult> SignInWithAuthenticatorAsync(string code, bool isPersistent, bool rememberClient);

    /// <summary>The second step with a recovery code, which is used up.</summary>
    public abstract Task<SignInResult> SignInWithRecoveryCodeAsync(string code);

    /// <summary>Sends a code to <paramref name="number"/> (E.164), which the user wants to add.</summary>
    public abstract Task SendConfirmationCodeAsync(object user, string number);

    /// <summary>Stores <paramref name="number"/> as confirmed when <paramref name="code"/> is the one sent to it, and renews the sign-in cookie.</summary>
    public abstract Task<bool> ConfirmNumberAsync(object user, string number, string code);

    /// <summary>Removes the user's phone number, and renews the sign-in cookie.</summary>
    public abstract Task<IdentityResult> RemoveNumberAsync(object user);

    /// <summary>Turns two-factor sign-in on and makes the first recovery codes (which never prove this session).</summary>
    public abstract Task<IReadOnlyList<string>?> TurnOnTwoFactorAsync(HttpContext context, object user);

    /// <summary>The ways the signed-in user can prove themselves for step-up.</summary>
    public abstract Task<SignalWireStepUpMethods> GetStepUpMethodsAsync(HttpContext context, object user);

    /// <summary>Sends a step-up code to the user's confirmed number.</summary>
    public abstract Task SendStepUpCodeAsync(object user, SignalWireMfaChannel channel);

    /// <summary>Checks a step-up answer and, when right, gives the session its proof.</summary>
    public abstract Task<SignalWireStepUpResult> ProveAsync(HttpContext context, object user, SignalWireStepUpMethods method, string? code);
}

/// <summary>The phone number on the account and the two-factor switch.</summary>
internal sealed record PhoneState(string? Number, bool Confirmed, bool TwoFactorEnabled, bool HasAuthenticator);

/// <summary>The ways an account can pass the second step of sign-in.</summary>
internal sealed record SignInWays(bool Phone, bool Authenticator);
