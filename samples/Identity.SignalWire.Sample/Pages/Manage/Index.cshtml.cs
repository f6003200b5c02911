using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>The account page: phone number and two-factor sign-in.</summary>
public sealed class IndexModel(
    UserManager<IdentityUser> userManager,
    SignInManager<IdentityUser> signInManager,
    SignalWireStepUp<IdentityUser> stepUp) : PageModel
{
    /// <summary>How many recovery codes a new set holds.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>Gets the recovery codes just made: shown once, never stored in readable form.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    /// <summary>Gets how many recovery codes are left.</summary>
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Gets the e-mail address.</summary>
    public string? Email { get; private set; }

    /// <summary>Gets the phone number, if any.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>Gets whether the phone number is confirmed.</summary>
    public bool PhoneConfirmed { get; private set; }

    /// <summary>Gets whether two-factor sign-in is on.</summary>
    public bool TwoFactorEnabled { get; private set; }

    /// <summary>Gets whether this browser skips the second step.</summary>
    public bool BrowserRemembered { get; private set; }

    /// <summary>Gets why an action failed.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the account.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// Turns two-factor sign-in on; needs a confirmed phone number, and step-up: it makes recovery codes, a second factor
    /// of their own, which a stolen session could otherwise make here and, signed in again with the password, pass
    /// step-up with.
    /// </summary>
    [RequireStepUp]
    public async Task<IActionResult> OnPostEnableTwoFactorAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!await userManager.IsPhoneNumberConfirmedAsync(user))
        {
            await LoadAsync(user);
            ErrorMessage = "Confirm a phone number first.";
            return Page();
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        // The security stamp changed: renew the cookie so that this session stays valid.
        await signInManager.RefreshSignInAsync(user);

        // A first set of recovery codes, shown once on this response (not kept for a redirect). Made through step-up,
        // which remembers that this session made them: they never prove this session itself.
        NewRecoveryCodes = await stepUp.GenerateRecoveryCodesAsync(HttpContext, user, RecoveryCodeCount);
        await LoadAsync(user);
        TempData["Status"] = "Two-factor sign-in is on. Next time you log in, you will get a code by text or call.";
        return Page();
    }

    /// <summary>Makes a new set of recovery codes and shows it once; the old set stops working. Step-up first.</summary>
    [RequireStepUp]
    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!await userManager.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage();
        }

        NewRecoveryCodes = await stepUp.GenerateRecoveryCodesAsync(HttpContext, user, RecoveryCodeCount);
        await LoadAsync(user);
        TempData["Status"] = "New recovery codes: the old ones no longer work.";
        return Page();
    }

    /// <summary>Turns two-factor sign-in off. Step-up first; then the user presses the button again.</summary>
    [RequireStepUp]
    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        // The change renews the security stamp, which ends the step-up it used.
        await userManager.SetTwoFactorEnabledAsync(user, false);
        await signInManager.RefreshSignInAsync(user);
        TempData["Status"] = "Two-factor sign-in is off.";
        return RedirectToPage();
    }

    /// <summary>Makes this browser ask for a code again.</summary>
    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        await signInManager.ForgetTwoFactorClientAsync();
        TempData["Status"] = "This browser is forgotten: the next login asks for a code.";
        return RedirectToPage();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        Email = await userManager.GetEmailAsync(user);
        PhoneNumber = await userManager.GetPhoneNumberAsync(user);
        PhoneConfirmed = await userManager.IsPhoneNumberConfirmedAsync(user);
        TwoFactorEnabled = await userManager.GetTwoFactorEnabledAsync(user);
        BrowserRemembered = await signInManager.IsTwoFactorClientRememberedAsync(user);
        RecoveryCodesLeft = TwoFactorEnabled ? await userManager.CountRecoveryCodesAsync(user) : 0;
    }
}
