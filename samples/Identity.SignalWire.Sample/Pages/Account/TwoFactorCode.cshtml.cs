using Identity.SignalWire.Sample.Localization;
using Identity.SignalWire.Sample.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>
/// The second step of login, part two: type the code. Sends nothing; "send a new code" posts to
/// <see cref="TwoFactorModel"/>. What it says about the code — where it went, tries left, expiry, the resend wait —
/// comes from the library's <see cref="SignalWirePendingCodes{TUser}"/>.
/// </summary>
public sealed class TwoFactorCodeModel(
    SignInManager<IdentityUser> signInManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    CodeInput codeInput,
    TimeProvider timeProvider,
    IStringLocalizer<SharedResource> text,
    ILogger<TwoFactorCodeModel> logger) : PageModel
{
    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets or sets whether this browser skips the second step next time.</summary>
    [BindProperty]
    public bool RememberBrowser { get; set; }

    /// <summary>Gets or sets whether the login should outlive the browser session ("Stay logged in").</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    /// <summary>Gets <see cref="RememberMe"/> for a link: left out of the address when it is off.</summary>
    public string? RememberMeRoute => RememberMe ? "true" : null;

    /// <summary>Gets or sets the local page to return to after login.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets the pending code; <see langword="null"/> once it expired or was used.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Gets the provider of the pending code, which "send a new code" uses again.</summary>
    public string Provider => TwoFactorModel.ProviderFor(Pending?.Channel ?? SignalWireMfaChannel.Sms);

    /// <summary>Gets where and how the code was sent, in words.</summary>
    public string SentDescription { get; private set; } = string.Empty;

    /// <summary>Gets how long until a new code may be sent.</summary>
    public TimeSpan ResendWait { get; private set; }

    /// <summary>Gets the time on the site's clock, for "expires in".</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

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

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        return Pending is null && ErrorMessage is null ? RedirectToPage("/Account/TwoFactor", new { ReturnUrl, RememberMe = RememberMeRoute }) : Page();
    }

    /// <summary>Checks the code with SignalWire and signs the user in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        SignalWirePendingCode? before;
        try
        {
            await LoadAsync(user);
            before = Pending;
            if (!pendingCodes.IsWellFormed(Code))
            {
                // Not a code at all: no try is spent and nothing counts toward lockout.
                ErrorMessage = codeInput.Malformed(text);
                return Page();
            }

            result = await signInManager.TwoFactorSignInAsync(Provider, Code!, RememberMe, RememberBrowser);
        }
        catch (SignalWireMfaException exception)
        {
            // Identity counts nothing when the provider throws: an outage never locks anyone out.
            SignInLog.SignalWireFailed(logger, exception.Kind, (int?)exception.StatusCode, "checking a sign-in code", exception);
            ErrorMessage = exception.UserMessage;
            return Page();
        }

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            SignInLog.LockedOut(logger);
            return RedirectToPage("/Account/Lockout");
        }

        if (result.IsNotAllowed)
        {
            ErrorMessage = "This account cannot sign in.";
            return Page();
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger) ?? PendingCodeMessages.Refused(before, Pending);
        return Page();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        Pending = await pendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose);
        ResendWait = PendingCodeMessages.ResendWait(Pending, Now);
        var number = LocalizedNumber.Ending(text, Pending?.MaskedDestination);
        SentDescription = Pending?.Channel == SignalWireMfaChannel.Call
            ? text["We are calling {0}: a voice reads your code.", number]
            : text["We sent a text message with your code to {0}.", number];
    }
}
