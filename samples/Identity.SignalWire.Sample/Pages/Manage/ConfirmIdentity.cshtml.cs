using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>
/// Step-up: before the phone number changes or two-factor sign-in is turned off, a fresh code goes to the CURRENT
/// confirmed phone, or the user gives a recovery code (for a lost phone). A stolen session alone cannot move the second
/// factor. Sending is rate limited.
/// </summary>
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class ConfirmIdentityModel(
    UserManager<IdentityUser> userManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    StepUp<IdentityUser> stepUp,
    CodeInput codeInput,
    TimeProvider timeProvider,
    IStringLocalizer<SharedResource> text,
    ILogger<ConfirmIdentityModel> logger) : PageModel
{
    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets or sets the recovery code the user typed.</summary>
    [BindProperty]
    public string? RecoveryCode { get; set; }

    /// <summary>Gets or sets the local page to return to afterwards.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets the pending step-up code; <see langword="null"/> before the first or once it is gone.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Gets whether the user has recovery codes left.</summary>
    public bool HasRecoveryCodes { get; private set; }

    /// <summary>Gets how long until a new code may be sent.</summary>
    public TimeSpan ResendWait { get; private set; }

    /// <summary>Gets the time on the site's clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Gets why something failed.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the page; goes straight back when there is no confirmed phone to protect.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!await stepUp.IsRequiredAsync(user))
        {
            return Back();
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        return Page();
    }

    /// <summary>Sends a code to the current phone by text or call.</summary>
    public async Task<IActionResult> OnPostSendAsync(string? provider)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        // A purpose of its own, which the library sends to the user's stored, confirmed number.
        var name = provider == SignalWireDefaults.CallProviderName ? SignalWireDefaults.CallProviderName : SignalWireDefaults.SmsProviderName;
        ErrorMessage = await CodeSending.TrySendAsync(
            () => userManager.GenerateUserTokenAsync(user, name, StepUp.Purpose), logger, "sending a step-up code", CodeMessages.Unavailable);
        ErrorMessage ??= await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        return Page();
    }

    /// <summary>Checks the code with SignalWire.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        SignalWirePendingCode? before;
        bool valid;
        try
        {
            await LoadAsync(user);
            before = Pending;
            if (!pendingCodes.IsWellFormed(Code))
            {
                ErrorMessage = codeInput.Malformed(text);
                return Page();
            }

            valid = before is not null
                && await userManager.VerifyUserTokenAsync(user, ProviderOf(before), StepUp.Purpose, Code!);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a step-up code", exception);
            ErrorMessage = CodeMessages.Unavailable(exception);
            return Page();
        }

        if (valid)
        {
            return await ConfirmedAsync(user);
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger) ?? CodeMessages.Refused(before, Pending);
        return Page();
    }

    /// <summary>Uses a recovery code instead: for a lost phone. Each works once.</summary>
    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = (RecoveryCode ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (code.Length > 0 && (await userManager.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded)
        {
            return await ConfirmedAsync(user);
        }

        ErrorMessage = "That recovery code is not valid (each one works once).";
        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger) ?? ErrorMessage;
        return Page();
    }

    private static string ProviderOf(SignalWirePendingCode pending) =>
        pending.Channel == SignalWireMfaChannel.Call ? SignalWireDefaults.CallProviderName : SignalWireDefaults.SmsProviderName;

    private async Task<IActionResult> ConfirmedAsync(IdentityUser user)
    {
        await stepUp.GrantAsync(HttpContext, user);
        return Back();
    }

    private IActionResult Back() => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/manage");

    private async Task LoadAsync(IdentityUser user)
    {
        HasRecoveryCodes = await userManager.CountRecoveryCodesAsync(user) > 0;
        Pending = await pendingCodes.FindAsync(user, StepUp.Purpose);
        ResendWait = CodeMessages.ResendWait(Pending, Now);
    }
}
