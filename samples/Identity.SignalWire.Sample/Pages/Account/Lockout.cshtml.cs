using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>Says that the account is locked, and until when when the site knows who is asking.</summary>
public sealed class LockoutModel(
    SignInManager<IdentityUser> signInManager,
    UserManager<IdentityUser> userManager,
    IOptions<IdentityOptions> identityOptions,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>Gets when the user can try again, in words.</summary>
    public string WhenText { get; private set; } = string.Empty;

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync()
    {
        var wait = identityOptions.Value.Lockout.DefaultLockoutTimeSpan;
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is { } user
            && await userManager.GetLockoutEndDateAsync(user) is { } end)
        {
            var left = end - timeProvider.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                wait = left;
            }
        }

        WhenText = "Try again in " + PendingCodeMessages.Duration(wait) + ".";
    }
}
