using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>The first step of login: e-mail and password.</summary>
public sealed class LoginModel(SignInManager<IdentityUser> signInManager, IPasswordHasher<IdentityUser> passwordHasher) : PageModel
{
    // A hash of a random password, made once with the site's own hasher (so with its algorithm and iteration count).
    private static string? s_unknownAccountHash;

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

        var user = await signInManager.UserManager.FindByNameAsync(Email);
        if (user is null)
        {
            // Identity answers an unknown e-mail without hashing anything (~7 ms against ~120 ms for a wrong password
            // here), which tells an attacker which addresses have accounts. So the typed password is checked against a
            // fixed hash with the same hasher, and an unknown account costs what a known one does.
            VerifyAgainstUnknownAccountHash(Password);
        }
        else
        {
            var result = await signInManager.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
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
        }

        ModelState.AddModelError(string.Empty, "Wrong e-mail or password.");
        return Page();
    }

    private void VerifyAgainstUnknownAccountHash(string password)
    {
        var nobody = new IdentityUser();
        // Made on the first unknown account (a race only makes it twice); the result is thrown away, only the work counts.
        s_unknownAccountHash ??= passwordHasher.HashPassword(nobody, RandomNumberGenerator.GetHexString(32));
        _ = passwordHasher.VerifyHashedPassword(nobody, s_unknownAccountHash, password);
    }
}
