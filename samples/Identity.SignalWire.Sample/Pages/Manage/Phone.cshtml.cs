using System.ComponentModel.DataAnnotations;
using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>
/// Adds or changes the phone number: sends a code to the NEW number (<c>GenerateChangePhoneNumberTokenAsync</c>);
/// the number is only stored once that code comes back. Sending is rate limited.
/// </summary>
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class PhoneModel(
    UserManager<IdentityUser> userManager,
    CodeStepStore steps,
    CodeRules rules,
    ILogger<PhoneModel> logger) : PageModel
{
    /// <summary>Gets or sets the number as typed.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Enter your phone number.")]
    [Display(Name = "Phone number")]
    public string? PhoneNumber { get; set; }

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

        var step = await LoadAsync(user);
        PhoneNumber ??= step?.PhoneNumber;
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

        var step = await LoadAsync(user);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!E164PhoneNumber.TryNormalize(PhoneNumber, out var number))
        {
            ModelState.AddModelError(nameof(PhoneNumber), "Enter the number with + and the country code, for example +1 555 123 4567.");
            return Page();
        }

        if (number == CurrentNumber && await userManager.IsPhoneNumberConfirmedAsync(user))
        {
            ErrorMessage = "This number is already confirmed.";
            return Page();
        }

        return await SendAsync(user, number, step?.PhoneNumber == number ? step : null);
    }

    /// <summary>Sends a new code to the number being confirmed ("send a new code" on the confirm page).</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var step = await LoadAsync(user);
        if (step?.PhoneNumber is not { } number)
        {
            return RedirectToPage();
        }

        ModelState.Clear();
        PhoneNumber = number;
        return await SendAsync(user, number, step);
    }

    private async Task<IActionResult> SendAsync(IdentityUser user, string number, CodeStep? step)
    {
        var wait = rules.ResendWait(step);
        if (wait > TimeSpan.Zero)
        {
            ErrorMessage = CodeMessages.Cooldown(wait);
            return Page();
        }

        // The provider sends to the number in the purpose, not to the stored one.
        ErrorMessage = await CodeSending.TrySendAsync(
            () => userManager.GenerateChangePhoneNumberTokenAsync(user, number),
            logger,
            "sending a phone confirmation code",
            exception => exception.Kind == SignalWireMfaErrorKind.InvalidRequest ? CodeMessages.NumberRefused : CodeMessages.Unavailable(exception));
        if (ErrorMessage is not null)
        {
            return Page();
        }

        steps.Write(HttpContext, CodeStepKind.ConfirmPhone, new CodeStep(user.Id) { PhoneNumber = number, SentAt = rules.Now });
        return RedirectToPage("/Manage/ConfirmPhone");
    }

    private async Task<CodeStep?> LoadAsync(IdentityUser user)
    {
        CurrentNumber = await userManager.GetPhoneNumberAsync(user);
        var step = steps.Read(HttpContext, CodeStepKind.ConfirmPhone, user.Id);
        Pending = step?.SentAt is not null;
        return step;
    }
}
