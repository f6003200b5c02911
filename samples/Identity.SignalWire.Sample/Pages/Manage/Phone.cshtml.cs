using System.ComponentModel.DataAnnotations;
using Identity.SignalWire.Sample.SignIn;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>
/// Adds or changes the phone number: sends a code to the NEW number (<c>GenerateChangePhoneNumberTokenAsync</c>);
/// the number is only stored once that code comes back. Sending is rate limited. Step-up first, GET and POST alike:
/// replacing a confirmed number needs a fresh code to it (or a recovery code) first.
/// </summary>
[RequireStepUp]
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class PhoneModel(
    UserManager<IdentityUser> userManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    TimeProvider timeProvider,
    ILogger<PhoneModel> logger) : PageModel
{
    /// <summary>The TempData key of the number being confirmed: the code's purpose holds it, so the pages need it.</summary>
    public const string NumberBeingConfirmed = "NumberBeingConfirmed";

    /// <summary>The purpose of a code that confirms <paramref name="number"/>, as Identity names it.</summary>
    public static string ConfirmationPurpose(string number) => "ChangePhoneNumber:" + number;

    /// <summary>Gets or sets the number as typed.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter your phone number.")]
    [Display(Name = "Phone number")]
    public string? PhoneNumber { get; set; }

    // The number whose confirmation is under way, kept in TempData between the pages, while its code is pending.
    private string? NumberInProgress { get; set; }

    /// <summary>Gets the number stored today.</summary>
    public string? CurrentNumber { get; private set; }

    /// <summary>Gets whether a code was sent and not yet used.</summary>
    public bool Pending { get; private set; }

    /// <summary>Gets why no code was sent.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        PhoneNumber ??= NumberInProgress;
        return Page();
    }

    /// <summary>Sends a code to the number typed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!E164PhoneNumber.TryNormalize(PhoneNumber, out var number))
        {
            ModelState.AddModelError(nameof(PhoneNumber), "Enter the number with + and the country code, for example +1 201 555 1234.");
            return Page();
        }

        if (number == CurrentNumber && await userManager.IsPhoneNumberConfirmedAsync(user))
        {
            ErrorMessage = "This number is already confirmed.";
            return Page();
        }

        return await SendAsync(user, number);
    }

    /// <summary>Sends a new code to the number being confirmed ("send a new code" on the confirm page).</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        if (NumberInProgress is not { } number)
        {
            return RedirectToPage();
        }

        ModelState.Clear();
        PhoneNumber = number;
        return await SendAsync(user, number);
    }

    private async Task<IActionResult> SendAsync(IdentityUser user, string number)
    {
        // The provider sends to the number in the purpose, not to the stored one; the library enforces the resend wait.
        // When the pumping guard stopped the number's range or region, the user is asked for a human check instead.
        var challenge = false;
        ErrorMessage = await CodeSending.TrySendAsync(
            async () =>
            {
                try
                {
                    await userManager.GenerateChangePhoneNumberTokenAsync(user, number);
                }
                catch (SignalWireSendLimitException refusal) when (refusal.Limit == SignalWireSendLimit.ChallengeRequired)
                {
                    challenge = true;
                }
            },
            logger,
            "sending a phone confirmation code");
        if (ErrorMessage is not null)
        {
            return Page();
        }

        if (challenge)
        {
            TempData[ChallengeModel.NumberAwaitingCheck] = number;
            return RedirectToPage("/Manage/Challenge");
        }

        TempData[NumberBeingConfirmed] = number;
        return RedirectToPage("/Manage/ConfirmPhone");
    }

    private async Task LoadAsync(IdentityUser user)
    {
        CurrentNumber = await userManager.GetPhoneNumberAsync(user);
        var number = TempData.Peek(NumberBeingConfirmed) as string;
        Pending = number is not null
            && await pendingCodes.FindAsync(user, ConfirmationPurpose(number)) is { } pending
            && pending.ExpiresAt > timeProvider.GetUtcNow();
        NumberInProgress = Pending ? number : null;
    }
}
