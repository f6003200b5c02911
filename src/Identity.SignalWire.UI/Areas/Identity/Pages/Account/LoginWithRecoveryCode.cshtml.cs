using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Areas.Identity.Pages.Account;

/// <summary>
/// The stock recovery-code step, which the second step links to, without its one failure: with no password step in
/// this browser (the two-factor cookie lasts five minutes) it goes back to the login page instead of answering 500.
/// </summary>
internal sealed class LoginWithRecoveryCodeModel(TwoFactorAccount account, CodeWords words, ILogger<LoginWithRecoveryCodeModel> logger)
    : CodePageModel(account, words, logger)
{
    /// <summary>Gets or sets the local page to return to after sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets or sets the recovery code the user typed.</summary>
    [BindProperty]
    public string? RecoveryCode { get; set; }

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await Account.FindSignInUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    /// <summary>Signs in with the recovery code, which is used up.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await Account.FindSignInUserAsync() is null)
        {
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        var code = RecoveryCode?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            ErrorMessage = Words.Text["Enter one of your recovery codes."];
            return Page();
        }

        var result = await Account.SignInWithRecoveryCodeAsync(code);
        if (result.Succeeded)
        {
            return ReturnTo(ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ErrorMessage = Words.Text["That recovery code is not valid, or was already used."];
        return Page();
    }
}
