using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages;

/// <summary>The home page.</summary>
public sealed class IndexModel(SignInManager<IdentityUser> signInManager, UserManager<IdentityUser> userManager) : PageModel
{
    /// <summary>Gets whether someone is signed in.</summary>
    public bool SignedIn { get; private set; }

    /// <summary>Gets the e-mail of who is signed in.</summary>
    public string? Email { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync()
    {
        SignedIn = signInManager.IsSignedIn(User);
        if (SignedIn && await userManager.GetUserAsync(User) is { } user)
        {
            Email = user.Email;
        }
    }
}
