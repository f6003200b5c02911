using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Step-up: before a factor or the password changes, the signed-in user proves the second factor again, with a fresh
/// code to the confirmed phone, the authenticator app or a recovery code (<see cref="SignalWireStepUp{TUser}"/>), and
/// goes back to the page they came for. Every guarded page sends the user here with <c>ReturnUrl</c>.
/// </summary>
internal sealed class ConfirmIdentityModel(TwoFactorAccount account, CodeWords words, ILogger<ConfirmIdentityModel> logger)
    : CodePageModel(account, words, logger)
{
    /// <summary>Gets or sets the local page to go back to.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets or sets how to send a code: text or call.</summary>
    [BindProperty]
    public SignalWireMfaChannel Channel { get; set; }

    /// <summary>Gets or sets how the user proves: the phone code, the authenticator app or a recovery code.</summary>
    [BindProperty]
    public SignalWireStepUpMethods Method { get; set; }

    /// <summary>Gets or sets what the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets the ways the user can prove themselves in this session.</summary>
    public SignalWireStepUpMethods Methods { get; private set; }

    /// <summary>Gets the step-up code pending.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Shows the ways; with none (no second factor yet), there is nothing to prove.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        await LoadAsync(user);
        return Methods == SignalWireStepUpMethods.None ? Back() : Page();
    }

    /// <summary>Sends a step-up code to the confirmed number.</summary>
    public async Task<IActionResult> OnPostSendAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        if ((Methods & SignalWireStepUpMethods.Sms) == 0 || Channel is not (SignalWireMfaChannel.Sms or SignalWireMfaChannel.Call))
        {
            ErrorMessage = Words.Text["This account has no confirmed phone number to send a code to."];
            return Page();
        }

        return await TryAsync(() => Account.SendStepUpCodeAsync(user, Channel), "sending a step-up code")
            ? RedirectToPage(new { ReturnUrl })
            : Page();
    }

    /// <summary>Checks the answer; when right, goes back to the page the user came for.</summary>
    public async Task<IActionResult> OnPostProveAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        var method = Method == SignalWireStepUpMethods.Call ? SignalWireStepUpMethods.Sms : Method;
        if (method is not (SignalWireStepUpMethods.Sms or SignalWireStepUpMethods.Authenticator or SignalWireStepUpMethods.RecoveryCode)
            || (Methods & method) == 0)
        {
            ErrorMessage = Words.Text["This way of confirming is not available. Choose another."];
            return Page();
        }

        var before = Pending;
        if (method == SignalWireStepUpMethods.Sms && !Account.IsWellFormed(Code))
        {
            ErrorMessage = before is null ? Words.Refused(null, null) : Words.Malformed;
            return Page();
        }

        var result = SignalWireStepUpResult.Failed;
        if (!await TryAsync(async () => result = await Account.ProveAsync(HttpContext, user, method, Code), "checking a step-up answer"))
        {
            return Page();
        }

        switch (result)
        {
            case SignalWireStepUpResult.Succeeded:
                return Back();
            case SignalWireStepUpResult.LockedOut:
                ErrorMessage = Words.Text["Too many wrong answers: this account is locked for a while. Try again later."];
                break;
            case SignalWireStepUpResult.MethodUnavailable:
                ErrorMessage = Words.Text["This way of confirming is not available. Choose another."];
                break;
            default:
                await LoadAsync(user);
                ErrorMessage ??= method == SignalWireStepUpMethods.Sms
                    ? Words.Refused(before, Pending)
                    : Words.Text["Wrong code. Check it and try again."];
                break;
        }

        return Page();
    }

    private IActionResult Back() => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Page("./Index")!);

    private async Task<bool> LoadAsync(object user)
    {
        Methods = await Account.GetStepUpMethodsAsync(HttpContext, user);
        return (Methods & SignalWireStepUpMethods.Sms) == 0
            || await TryAsync(async () => Pending = await Account.FindPendingAsync(user, SignalWireDefaults.StepUpPurpose), "reading a code's state");
    }
}
