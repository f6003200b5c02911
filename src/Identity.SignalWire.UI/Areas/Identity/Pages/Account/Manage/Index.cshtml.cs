using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// The profile page without the stock phone box: that box stores the number with <c>SetPhoneNumberAsync</c>, which
/// marks it unconfirmed, so a user with two-factor sign-in on would meet a second step with no text or call. The number
/// is shown here, and changed on the phone number page, with a code to the new number.
/// </summary>
internal sealed class IndexModel(TwoFactorAccount account) : PageModel
{
    /// <summary>Gets the user name.</summary>
    public string? Username { get; private set; }

    /// <summary>Gets the phone number and whether it is confirmed.</summary>
    public PhoneState? Phone { get; private set; }

    /// <summary>Gets or sets the message of the page that sent the user here.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shows the profile.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        Username = await account.GetUserNameAsync(user);
        Phone = await account.GetPhoneStateAsync(user);
        return Page();
    }

    /// <summary>The stock form's post: nothing to save any more, so it shows the page again.</summary>
    public IActionResult OnPost() => RedirectToPage();
}
