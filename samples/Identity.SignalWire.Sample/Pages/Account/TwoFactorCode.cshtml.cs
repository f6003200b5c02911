using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>
/// The second step of login, part two: type the code. Sends nothing; "send a new code" posts to
/// <see cref="TwoFactorModel"/>.
/// </summary>
public sealed class TwoFactorCodeModel(
    SignInManager<IdentityUser> signInManager,
    UserManager<IdentityUser> userManager,
    CodeStepStore steps,
    CodeRules rules,
    IOptions<SignalWireMfaOptions> signalWireOptions,
    IStringLocalizer<SharedResource> text,
    ILogger<TwoFactorCodeModel> logger) : PageModel
{
    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets or sets whether this browser skips the second step next time.</summary>
    [BindProperty]
    public bool RememberBrowser { get; set; }

    /// <summary>Gets the step: which way the code went, and when.</summary>
    public CodeStep Step { get; private set; } = new(string.Empty);

    /// <summary>Gets where and how the code was sent, in words.</summary>
    public string SentDescription { get; private set; } = string.Empty;

    /// <summary>Gets how long until a new code may be sent.</summary>
    public TimeSpan ResendWait { get; private set; }

    /// <summary>Gets how long a code can be used.</summary>
    public TimeSpan ValidFor => signalWireOptions.Value.ValidFor;

    /// <summary>Gets how many times a code can be tried.</summary>
    public int MaxAttempts => signalWireOptions.Value.MaxAttempts;

    /// <summary>Gets why the code was refused.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the code form.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        return await LoadAsync(user) ? Page() : RedirectToPage("/Account/TwoFactor");
    }

    /// <summary>Checks the code with SignalWire and signs the user in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!await LoadAsync(user))
        {
            return RedirectToPage("/Account/TwoFactor");
        }

        if (!rules.LooksLikeCode(Code))
        {
            // Not a code at all: no try is spent and nothing counts toward lockout.
            ErrorMessage = rules.DigitsOnly
                ? text["Enter the {0}-digit code.", rules.Length]
                : text["Enter the {0}-character code.", rules.Length];
            return Page();
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        try
        {
            result = await signInManager.TwoFactorSignInAsync(Step.Provider!, Code!, Step.RememberMe, RememberBrowser);
        }
        catch (SignalWireMfaException exception)
        {
            // Identity counts nothing when the provider throws: an outage never locks anyone out.
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a sign-in code", exception);
            ErrorMessage = CodeMessages.Unavailable(exception);
            return Page();
        }

        if (result.Succeeded)
        {
            steps.Clear(HttpContext, CodeStepKind.SignIn);
            return LocalRedirect(Url.IsLocalUrl(Step.ReturnUrl) ? Step.ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            SignInLog.LockedOut(logger);
            steps.Clear(HttpContext, CodeStepKind.SignIn);
            return RedirectToPage("/Account/Lockout");
        }

        if (result.IsNotAllowed)
        {
            ErrorMessage = "This account cannot sign in.";
            return Page();
        }

        var failure = rules.Explain(Step);
        var tried = Step with { FailedAttempts = Step.FailedAttempts + 1 };
        steps.Write(HttpContext, CodeStepKind.SignIn, tried);
        ErrorMessage = CodeMessages.Refused(failure, rules.TriesLeft(tried));
        return Page();
    }

    private async Task<bool> LoadAsync(IdentityUser user)
    {
        if (steps.Read(HttpContext, CodeStepKind.SignIn, user.Id) is not { Provider: not null, SentAt: not null } step)
        {
            return false;
        }

        Step = step;
        ResendWait = rules.ResendWait(step);
        var number = LocalizedNumber.Ending(text, await userManager.GetPhoneNumberAsync(user));
        SentDescription = step.Provider == SignalWireDefaults.CallProviderName
            ? text["We are calling {0}: a voice reads your code.", number]
            : text["We sent a text message with your code to {0}.", number];
        return true;
    }
}
