using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>
/// Stores and confirms the new phone number once its code comes back (<c>ChangePhoneNumberAsync</c>). Behind step-up
/// like the page that sent the code; the change renews the security stamp, which ends the step-up it used.
/// </summary>
[RequireStepUp]
public sealed class ConfirmPhoneModel(
    UserManager<IdentityUser> userManager,
    SignInManager<IdentityUser> signInManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    CodeInput codeInput,
    TimeProvider timeProvider,
    IStringLocalizer<SharedResource> text,
    ILogger<ConfirmPhoneModel> logger) : PageModel
{
    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets the number being confirmed.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>Gets the pending code; <see langword="null"/> once it expired or was used.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Gets how long until a new code may be sent.</summary>
    public TimeSpan ResendWait { get; private set; }

    /// <summary>Gets why the code was refused.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the code form.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        return PhoneNumber is null ? RedirectToPage("/Manage/Phone") : Page();
    }

    /// <summary>Checks the code with SignalWire and stores the number as confirmed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        IdentityResult result;
        SignalWirePendingCode? before;
        try
        {
            await LoadAsync(user);
            if (PhoneNumber is null)
            {
                return RedirectToPage("/Manage/Phone");
            }

            before = Pending;
            if (!pendingCodes.IsWellFormed(Code))
            {
                ErrorMessage = codeInput.Malformed(text);
                return Page();
            }

            result = await userManager.ChangePhoneNumberAsync(user, PhoneNumber, Code!);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a phone confirmation code", exception);
            ErrorMessage = exception.UserMessage;
            return Page();
        }

        if (result.Succeeded)
        {
            TempData.Remove(PhoneModel.NumberBeingConfirmed);
            // The security stamp changed: renew the cookie so that this session stays valid.
            await signInManager.RefreshSignInAsync(user);
            TempData["Status"] = "Your phone number is confirmed. You can turn on two-factor sign-in.";
            return RedirectToPage("/Manage/Index");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger) ?? PendingCodeMessages.Refused(before, Pending);
        return Page();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        PhoneNumber = TempData.Peek(PhoneModel.NumberBeingConfirmed) as string;
        Pending = PhoneNumber is null ? null : await pendingCodes.FindAsync(user, PhoneModel.ConfirmationPurpose(PhoneNumber));
        ResendWait = PendingCodeMessages.ResendWait(Pending, timeProvider.GetUtcNow());
    }
}
