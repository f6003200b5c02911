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
/// The step-up page (<c>SignalWireStepUpOptions.StepUpPath</c>): before a change to a second factor, a fresh code goes
/// to the CURRENT confirmed phone, or the user gives a recovery code made before this session (for a lost phone). A
/// stolen session alone cannot move the second factor. The library keeps the proof; sending is rate limited.
/// </summary>
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class ConfirmIdentityModel(
    UserManager<IdentityUser> userManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    SignalWireStepUp<IdentityUser> stepUp,
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

    /// <summary>Gets whether the user has recovery codes left that this session did not make.</summary>
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

        if (!await stepUp.IsRequiredAsync(user))
        {
            return Back();
        }

        // Only ever to the user's stored, confirmed number.
        var channel = provider == SignalWireDefaults.CallProviderName ? SignalWireMfaChannel.Call : SignalWireMfaChannel.Sms;
        ErrorMessage = await CodeSending.TrySendAsync(
            () => stepUp.SendCodeAsync(user, channel), logger, "sending a step-up code");
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
        SignalWireStepUpResult result;
        try
        {
            await LoadAsync(user);
            before = Pending;
            if (!pendingCodes.IsWellFormed(Code))
            {
                ErrorMessage = codeInput.Malformed(text);
                return Page();
            }

            result = await stepUp.ProveAsync(HttpContext, user, SignalWireStepUpMethods.Sms, Code);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a step-up code", exception);
            ErrorMessage = exception.UserMessage;
            return Page();
        }

        if (result == SignalWireStepUpResult.Succeeded)
        {
            return Back();
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger)
            ?? (result == SignalWireStepUpResult.LockedOut ? LockedOut : PendingCodeMessages.Refused(before, Pending));
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

        var result = await stepUp.ProveAsync(HttpContext, user, SignalWireStepUpMethods.RecoveryCode, RecoveryCode);
        if (result == SignalWireStepUpResult.Succeeded)
        {
            return Back();
        }

        ErrorMessage = result switch
        {
            SignalWireStepUpResult.LockedOut => LockedOut,
            SignalWireStepUpResult.MethodUnavailable => "Recovery codes made in this session cannot confirm it: use a code sent to your phone.",
            _ => "That recovery code is not valid (each one works once).",
        };
        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger) ?? ErrorMessage;
        return Page();
    }

    private const string LockedOut = "Too many wrong codes: try again in a few minutes.";

    private IActionResult Back() => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/manage");

    private async Task LoadAsync(IdentityUser user)
    {
        HasRecoveryCodes = (await stepUp.GetMethodsAsync(HttpContext, user)).HasFlag(SignalWireStepUpMethods.RecoveryCode);
        Pending = await pendingCodes.FindAsync(user, SignalWireDefaults.StepUpPurpose);
        ResendWait = PendingCodeMessages.ResendWait(Pending, Now);
    }
}
