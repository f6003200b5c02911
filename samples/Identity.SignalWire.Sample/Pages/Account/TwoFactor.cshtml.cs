using Identity.SignalWire.Sample.SignIn;
using Identity.SignalWire.Samples;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Identity.SignalWire.Sample.Pages.Account;

/// <summary>
/// The second step of login, part one: choose SMS or voice call and send the code. A code is only ever sent by the
/// POST of this page (also the "send a new code" button of the next page), and that POST is rate limited.
/// </summary>
[EnableRateLimiting(SendCodeRateLimitOptions.PolicyName)]
public sealed class TwoFactorModel(
    SignInManager<IdentityUser> signInManager,
    UserManager<IdentityUser> userManager,
    SignalWirePendingCodes<IdentityUser> pendingCodes,
    TimeProvider timeProvider,
    ILogger<TwoFactorModel> logger) : PageModel
{
    /// <summary>Gets or sets the chosen provider: <see cref="SignalWireDefaults.SmsProviderName"/> or <see cref="SignalWireDefaults.CallProviderName"/>.</summary>
    [BindProperty]
    public string? Provider { get; set; }

    /// <summary>Gets or sets whether the login should outlive the browser session ("Stay logged in").</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    /// <summary>Gets <see cref="RememberMe"/> for a link: left out of the address when it is off.</summary>
    public string? RememberMeRoute => RememberMe ? "true" : null;

    /// <summary>Gets or sets the local page to return to after login.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets the ways this user can get a code.</summary>
    public IReadOnlyList<string> Providers { get; private set; } = [];

    /// <summary>Gets the user's phone number, shown by its last two digits only.</summary>
    public string? PhoneNumber { get; private set; }

    /// <summary>Gets how long until a new code may be sent.</summary>
    public TimeSpan ResendWait { get; private set; }

    /// <summary>Gets whether a code is pending, so that "I already have a code" can be offered.</summary>
    public bool CodeSent { get; private set; }

    /// <summary>Gets why the code was not sent.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The words for a provider.</summary>
    public static string Describe(string provider) => provider switch
    {
        SignalWireDefaults.SmsProviderName => "Text message (SMS)",
        SignalWireDefaults.CallProviderName => "Voice call: a voice reads the code",
        _ => provider,
    };

    /// <summary>The provider that checks codes sent through <paramref name="channel"/>.</summary>
    public static string ProviderFor(SignalWireMfaChannel channel) =>
        channel == SignalWireMfaChannel.Call ? SignalWireDefaults.CallProviderName : SignalWireDefaults.SmsProviderName;

    /// <summary>Shows the choice; sends nothing.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        return Providers.Count == 0 ? NoWayToSendPage() : Page();
    }

    /// <summary>Sends a code the chosen way and moves on to the code page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        var chosen = Provider;
        ErrorMessage = await CodeSending.TryReadAsync(() => LoadAsync(user), logger);
        if (Providers.Count == 0)
        {
            return NoWayToSendPage();
        }

        if (chosen is null || !Providers.Contains(chosen))
        {
            ErrorMessage = "Choose how to get your code.";
            return Page();
        }

        Provider = chosen;

        // The library enforces the resend wait and every other budget, and words its refusal (UserMessage).
        ErrorMessage = await CodeSending.TrySendAsync(
            () => userManager.GenerateTwoFactorTokenAsync(user, chosen), logger, "sending a sign-in code");
        return ErrorMessage is null
            ? RedirectToPage("/Account/TwoFactorCode", new { ReturnUrl, RememberMe = RememberMeRoute })
            : Page();
    }

    private async Task LoadAsync(IdentityUser user)
    {
        var valid = await userManager.GetValidTwoFactorProvidersAsync(user);
        Providers = [.. new[] { SignalWireDefaults.SmsProviderName, SignalWireDefaults.CallProviderName }.Where(valid.Contains)];
        PhoneNumber = await userManager.GetPhoneNumberAsync(user);

        var pending = await pendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose);
        Provider ??= pending is null ? Providers.FirstOrDefault() : ProviderFor(pending.Channel);
        ResendWait = PendingCodeMessages.ResendWait(pending, timeProvider.GetUtcNow());
        CodeSent = pending is not null;
    }

    private PageResult NoWayToSendPage()
    {
        ErrorMessage = "This account has no confirmed phone number to send a code to. Contact the site's support.";
        return Page();
    }
}
