using Identity.SignalWire.UI.DefaultUI;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Adds, changes or removes the phone number, and turns two-factor sign-in on with it. A number is stored only once the
/// code sent to it comes back (<c>ChangePhoneNumberAsync</c>), so it is always confirmed. Behind step-up, GET and POST
/// alike (<see cref="DefaultUIConventions"/>): replacing a confirmed number needs a fresh proof of the old one first.
/// </summary>
internal sealed class PhoneNumberModel(TwoFactorAccount account, CodeWords words, ILogger<PhoneNumberModel> logger)
    : CodePageModel(account, words, logger)
{
    // The number whose code is pending, kept between the posts: the code's purpose names it, so the page needs it.
    private const string NumberBeingConfirmed = "SignalWire.NumberBeingConfirmed";

    /// <summary>Gets or sets the number as typed.</summary>
    [BindProperty]
    public string? NewNumber { get; set; }

    /// <summary>Gets or sets the code the user typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Gets or sets the message shown after a change.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Gets the number on the account, whether it is confirmed, and whether two-factor sign-in is on.</summary>
    public PhoneState Phone { get; private set; } = new(null, false, false, false);

    /// <summary>Gets the number a code was sent to, while it is pending.</summary>
    public string? NumberInProgress { get; private set; }

    /// <summary>Gets the pending confirmation code.</summary>
    public SignalWirePendingCode? Pending { get; private set; }

    /// <summary>Shows the number and the forms.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        await LoadAsync(user);
        return Page();
    }

    /// <summary>Sends a code to the number typed; the number is not stored yet.</summary>
    public async Task<IActionResult> OnPostSendAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        if (!E164PhoneNumber.TryNormalize(NewNumber, out var number))
        {
            ErrorMessage = Words.Text["Enter the number with + and the country code, for example +1 201 555 0123."];
            return Page();
        }

        if (number == Phone.Number && Phone.Confirmed)
        {
            ErrorMessage = Words.Text["This number is already confirmed."];
            return Page();
        }

        return await SendAsync(user, number);
    }

    /// <summary>Sends a new code to the number being confirmed.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        return TempData.Peek(NumberBeingConfirmed) is string number ? await SendAsync(user, number) : RedirectToPage();
    }

    /// <summary>Checks the code and stores the number as confirmed.</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        if (!await LoadAsync(user))
        {
            return Page();
        }

        if (NumberInProgress is not { } number || Pending is not { } before)
        {
            ErrorMessage = Words.Refused(null, null);
            return Page();
        }

        if (!Account.IsWellFormed(Code))
        {
            ErrorMessage = Words.Malformed;
            return Page();
        }

        var confirmed = false;
        if (!await TryAsync(async () => confirmed = await Account.ConfirmNumberAsync(user, number, Code!), "checking a phone confirmation code"))
        {
            return Page();
        }

        if (confirmed)
        {
            TempData.Remove(NumberBeingConfirmed);
            StatusMessage = Phone.TwoFactorEnabled
                ? Words.Text["Your phone number is confirmed."]
                : Words.Text["Your phone number is confirmed. You can turn on two-factor authentication."];
            // The profile, not this page: the new number renewed the security stamp, so this page would ask for step-up.
            return RedirectToPage("./Index");
        }

        await LoadAsync(user);
        ErrorMessage ??= Words.Refused(before, Pending);
        return Page();
    }

    /// <summary>Stops confirming a new number; the number on the account stays.</summary>
    public IActionResult OnPostCancel()
    {
        TempData.Remove(NumberBeingConfirmed);
        return RedirectToPage();
    }

    /// <summary>Removes the number, unless it is the only way the user can pass the second step.</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        await LoadAsync(user);
        if (Phone.Number is null)
        {
            return RedirectToPage();
        }

        if (Phone.TwoFactorEnabled && !Phone.HasAuthenticator)
        {
            ErrorMessage = Words.Text["Two-factor authentication uses this number. Turn it off, or add an authenticator app, before you remove the number."];
            return Page();
        }

        var result = await Account.RemoveNumberAsync(user);
        StatusMessage = result.Succeeded ? Words.Text["Your phone number was removed."] : Words.Text["Error: your phone number could not be removed. Try again."];
        return RedirectToPage("./Index");
    }

    /// <summary>Turns two-factor sign-in on, and shows the first recovery codes once.</summary>
    public async Task<IActionResult> OnPostTurnOnAsync()
    {
        var user = await Account.FindUserAsync(User);
        if (user is null)
        {
            return RedirectToPage("/Account/Login", new { area = "Identity" });
        }

        await LoadAsync(user);
        if (!Phone.Confirmed)
        {
            ErrorMessage = Words.Text["Confirm a phone number first."];
            return Page();
        }

        if (Phone.TwoFactorEnabled)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        var codes = await Account.TurnOnTwoFactorAsync(HttpContext, user);
        StatusMessage = Words.Text["Two-factor authentication is on. Next time you log in, you will get a code by text or call."];
        if (codes is null)
        {
            return RedirectToPage("./TwoFactorAuthentication");
        }

        // The stock page shows them once, as after enrolling an authenticator app.
        TempData["RecoveryCodes"] = codes.ToArray();
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private async Task<IActionResult> SendAsync(object user, string number)
    {
        if (!await TryAsync(() => Account.SendConfirmationCodeAsync(user, number), "sending a phone confirmation code"))
        {
            NewNumber = number;
            return Page();
        }

        TempData[NumberBeingConfirmed] = number;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(object user)
    {
        Phone = await Account.GetPhoneStateAsync(user);
        NumberInProgress = null;
        Pending = null;
        if (TempData.Peek(NumberBeingConfirmed) is not string number)
        {
            return true;
        }

        return await TryAsync(
            async () =>
            {
                Pending = await Account.FindPendingAsync(user, "ChangePhoneNumber:" + number);
                NumberInProgress = Pending is null ? null : number;
            },
            "reading a code's state");
    }
}
