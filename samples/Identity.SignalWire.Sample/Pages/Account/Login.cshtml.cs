using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>The first step of login: e-mail and password.</summary>
public sealed class LoginModel(SignInManager<IdentityUser> signInManager) : PageModel
{
    /// <summary>Gets or sets the e-mail address.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string Email { get; set; } = string.Empty;

    /// <summary>Gets or sets the password.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    /// <summary>Gets or sets whether the login outlives the browser session.</summary>
    [BindProperty]
    public bool RememberMe { get; set; }

    /// <summary>Gets or sets the local page to return to.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Checks the password; sends users with two-factor sign-in on to the second step.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Email, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            // No code is sent here — only when the user asks on the next page.
            return RedirectToPage("/Account/TwoFactor", new { ReturnUrl, RememberMe = RememberMe ? "true" : null });
        }

        if (result.IsLockedOut)
        {
            return RedirectToPage("/Account/Lockout");
        }

        ModelState.AddModelError(string.Empty, "Wrong e-mail or password.");
        return Page();
    }
}
