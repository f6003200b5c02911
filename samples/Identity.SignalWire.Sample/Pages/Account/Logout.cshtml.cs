using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>Logs out on POST only, so that a link or an image cannot log anyone out.</summary>
public sealed class LogoutModel(SignInManager<IdentityUser> signInManager) : PageModel
{
    /// <summary>Logs out. A remembered browser stays remembered; the account page can forget it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        TempData["Status"] = "You are logged out.";
        return RedirectToPage("/Index");
    }
}
