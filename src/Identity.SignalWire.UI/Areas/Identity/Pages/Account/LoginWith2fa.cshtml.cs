using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Areas.Identity.Pages.Account;

/// <summary>
/// The second step of sign-in, at the stock URL and with the stock <c>returnUrl</c> and <c>rememberMe</c>: offers the
/// ways the account has (a text, a call, the authenticator app, a recovery code), sends nothing until asked, and then
/// shows where the code went, how long it works, how many tries it has left and when a new one can be sent.
/// </summary>
internal sealed class LoginWith2faModel(TwoFactorAccount account, CodeWords words, ILogger<LoginWith2faModel> logger)
    : CodePageModel(account, words, logger)
{
    /// <summary>Gets or sets the local page to return to after sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets or sets whether the sign-in outlives the browser session (the login page's "Remember me").</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets or sets whether this browser skips the second step next time.</summary>
    [BindProperty]
    public bool RememberMachine { get; set; }

    /// <summary>Gets or sets how to send a code: text or call.</summary>
    [BindProperty]
    public SignalWireMfaChannel Channel { get; set; }

    /// <summary>Gets the ways this account can pass the step.</summary>
    public SignInWays Ways { get; private set; } = new(false, false);

    /// <summary>Gets the code sent and still pending; null before one is asked for.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Shows the ways, or the pending code. Sends nothing.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await Account.FindSignInUserAsync();
        if (user is null)
        {
            // No password step in this browser (or it timed out): start again rather than fail.
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Sends a code by the channel asked for, to the confirmed number.</summary>
    public async Task<IActionResult> OnPostSendAsync()
    {
        var user = await Account.FindSignInUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        if (!Ways.Phone || Channel is not (SignalWireMfaChannel.Sms or SignalWireMfaChannel.Call))
        {
            ErrorMessage = Words.Text["This account has no confirmed phone number to send a code to."];
            return Page();
        }

        if (!await TryAsync(() => Account.SendSignInCodeAsync(user, Channel), "sending a sign-in code"))
        {
            return Page();
        }

        // Post, then show: a reload does not send again.
        return RedirectToPage(new { ReturnUrl, RememberMe });
    }

    /// <summary>Checks the code sent by text or call.</summary>
    public async Task<IActionResult> OnPostCodeAsync()
    {
        var user = await Account.FindSignInUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        var before = Pending;
        if (before is null)
        {
            ErrorMessage = Words.Refused(null, null);
            return Page();
        }

        if (!Account.IsWellFormed(Code))
        {
            // Not a code at all: no try is spent and nothing counts toward lockout.
            ErrorMessage = Words.Malformed;
            return Page();
        }

        Microsoft.AspNetCore.Identity.SignInResult? result = null;
        if (!await TryAsync(async () => result = await Account.SignInWithCodeAsync(before.Channel, Code!, RememberMe, RememberMachine), "checking a sign-in code"))
        {
            return Page();
        }

        if (Finish(result!) is { } done)
        {
            return done;
        }

        await LoadAsync(user);
        ErrorMessage ??= Words.Refused(before, Pending);
        return Page();
    }

    /// <summary>Checks a code from the authenticator app.</summary>
    public async Task<IActionResult> OnPostAuthenticatorAsync()
    {
        var user = await Account.FindSignInUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        var code = Code?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code) || code.Length > 16)
        {
            await LoadAsync(user);
            ErrorMessage = Words.Text["Enter the code your authenticator app shows."];
            return Page();
        }

        var result = await Account.SignInWithAuthenticatorAsync(code, RememberMe, RememberMachine);
        if (Finish(result) is { } done)
        {
            return done;
        }

        await LoadAsync(user);
        ErrorMessage ??= Words.Text["Wrong code. Check your authenticator app and try again."];
        return Page();
    }

    private IActionResult? Finish(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.Succeeded)
        {
            return ReturnTo(ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        if (result.IsNotAllowed)
        {
            ErrorMessage = Words.Text["This account cannot sign in."];
        }

        return null;
    }

    private async Task<bool> LoadAsync(object user)
    {
        Ways = await Account.GetSignInWaysAsync(user);
        return !Ways.Phone
            || await TryAsync(async () => Pending = await Account.FindPendingAsync(user, SignalWireDefaults.TwoFactorPurpose), "reading a code's state");
    }
}
