using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>
/// The second step of login without the phone ("I lost my phone"): one of the recovery codes shown when two-factor
/// sign-in was turned on. Each works once (<c>RedeemTwoFactorRecoveryCodeAsync</c>, through
/// <c>TwoFactorRecoveryCodeSignInAsync</c>). Identity does not count a wrong one toward lockout: the codes are long
/// and random.
/// </summary>
public sealed class LoginWithRecoveryCodeModel(
    SignInManager<IdentityUser> signInManager,
    ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    /// <summary>Gets or sets the recovery code the user typed.</summary>
    [BindProperty]
    public string? RecoveryCode { get; set; }

    /// <summary>Gets or sets the local page to return to after login.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets why the code was refused.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form, after the password step only.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    /// <summary>Signs in with the recovery code.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var code = (RecoveryCode ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ErrorMessage = "Enter one of your recovery codes.";
            return Page();
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            SignInLog.LockedOut(logger);
            return RedirectToPage("/Account/Lockout");
        }

        ErrorMessage = "That recovery code is not valid (each one works once).";
        return Page();
    }
}
