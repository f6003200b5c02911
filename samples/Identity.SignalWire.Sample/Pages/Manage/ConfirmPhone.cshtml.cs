using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Manage;

/// <summary>Stores and confirms the new phone number once its code comes back (<c>ChangePhoneNumberAsync</c>).</summary>
public sealed class ConfirmPhoneModel(
    UserManager<IdentityUser> userManager,
    SignInManager<IdentityUser> signInManager,
    CodeStepStore steps,
    CodeRules rules,
    ILogger<ConfirmPhoneModel> logger) : PageModel
{
    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets the step: the number being confirmed, and when its code was sent.</summary>
    public CodeStep Step { get; private set; } = new(string.Empty);

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

        return Load(user) ? Page() : RedirectToPage("/Manage/Phone");
    }

    /// <summary>Checks the code with SignalWire and stores the number as confirmed.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!Load(user))
        {
            return RedirectToPage("/Manage/Phone");
        }

        if (!rules.LooksLikeCode(Code))
        {
            ErrorMessage = rules.DigitsOnly ? $"Enter the {rules.Length}-digit code." : $"Enter the {rules.Length}-character code.";
            return Page();
        }

        IdentityResult result;
        try
        {
            result = await userManager.ChangePhoneNumberAsync(user, Step.PhoneNumber!, Code!);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a phone confirmation code", exception);
            ErrorMessage = CodeMessages.Unavailable(exception);
            return Page();
        }

        if (result.Succeeded)
        {
            steps.Clear(HttpContext, CodeStepKind.ConfirmPhone);
            // The security stamp changed: renew the cookie so that this session stays valid.
            await signInManager.RefreshSignInAsync(user);
            TempData["Status"] = "Your phone number is confirmed. You can turn on two-factor sign-in.";
            return RedirectToPage("/Manage/Index");
        }

        var failure = rules.Explain(Step);
        var tried = Step with { FailedAttempts = Step.FailedAttempts + 1 };
        steps.Write(HttpContext, CodeStepKind.ConfirmPhone, tried);
        ErrorMessage = CodeMessages.Refused(failure, rules.TriesLeft(tried));
        return Page();
    }

    private bool Load(IdentityUser user)
    {
        if (steps.Read(HttpContext, CodeStepKind.ConfirmPhone, user.Id) is not { PhoneNumber: not null, SentAt: not null } step)
        {
            return false;
        }

        Step = step;
        ResendWait = rules.ResendWait(step);
        return true;
    }
}
