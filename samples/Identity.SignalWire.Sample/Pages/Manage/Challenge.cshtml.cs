using Identity.SignalWire.Sample.HumanCheck;
using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>
/// Asks for a human check when the library refused a confirmation code with
/// <see cref="SignalWireSendLimit.ChallengeRequired"/> (the pumping guard stopped the number's range or region): once
/// the check passes, clears the user with <see cref="SignalWireChallenges{TUser}"/> and sends the code, which then
/// goes out. The number comes from TempData, put there by the phone page, never from this form.
/// </summary>
[RequireStepUp]
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class ChallengeModel(
    UserManager<IdentityUser> userManager,
    SignalWireChallenges<IdentityUser> challenges,
    IHumanCheck humanCheck,
    IStringLocalizer<SharedResource> text,
    ILogger<ChallengeModel> logger) : PageModel
{
    /// <summary>The TempData key of the number whose code waits for the check.</summary>
    public const string NumberAwaitingCheck = "NumberAwaitingCheck";

    /// <summary>Gets the question of the check; <see langword="null"/> when a widget asks on its own.</summary>
    public string? Question { get; private set; }

    /// <summary>Gets the number the code will go to.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>Gets why the check failed or no code was sent.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the check.</summary>
    public IActionResult OnGet()
    {
        if (TempData.Peek(NumberAwaitingCheck) is not string number)
        {
            return RedirectToPage("/Manage/Phone");
        }

        PhoneNumber = number;
        Question = humanCheck.Ask(TempData);
        return Page();
    }

    /// <summary>Checks the answer; when it passes, clears the user and sends the code.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (TempData.Peek(NumberAwaitingCheck) is not string number)
        {
            return RedirectToPage("/Manage/Phone");
        }

        PhoneNumber = number;
        if (!await humanCheck.PassedAsync(Request.Form, TempData, cancellationToken))
        {
            ErrorMessage = text["That did not pass the check. Try again."];
            Question = humanCheck.Ask(TempData);
            return Page();
        }

        // The check passed: this user's next confirmation code goes through the stopped range or region, once.
        ErrorMessage = await CodeSending.TrySendAsync(
            async () =>
            {
                await challenges.ClearAsync(user, cancellationToken);
                await userManager.GenerateChangePhoneNumberTokenAsync(user, number);
            },
            logger,
            "sending a phone confirmation code after a human check");
        if (ErrorMessage is not null)
        {
            Question = humanCheck.Ask(TempData);
            return Page();
        }

        TempData.Remove(NumberAwaitingCheck);
        TempData[PhoneModel.NumberBeingConfirmed] = number;
        return RedirectToPage("/Manage/ConfirmPhone");
    }
}
