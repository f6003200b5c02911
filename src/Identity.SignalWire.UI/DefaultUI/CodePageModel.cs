using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.UI.DefaultUI;

/// <summary>
/// What the drop-in pages share: the account, the words, the one message a page shows, and the rule that a refusal or
/// an outage becomes that message (the user's words, never the operator's) and the same step, never a 500.
/// </summary>
internal abstract partial class CodePageModel(TwoFactorAccount account, CodeWords words, ILogger logger) : PageModel
{
    /// <summary>Gets what the page does with Identity and the library.</summary>
    protected TwoFactorAccount Account => account;

    /// <summary>Gets the page's words.</summary>
    public CodeWords Words => words;

    /// <summary>Gets or sets the one message the page shows: why nothing was sent, or why a code was refused.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>
    /// Runs <paramref name="action"/>; on a refusal or an outage, sets <see cref="ErrorMessage"/> to the user's words
    /// and returns <see langword="false"/>. Nothing was sent, and nothing counted toward the user's lockout.
    /// </summary>
    protected async Task<bool> TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
            return true;
        }
        catch (SignalWireSendLimitException exception)
        {
            Log.SendRefused(logger, what, exception.Limit);
            ErrorMessage = exception.UserMessage;
            return false;
        }
        catch (SignalWireMfaException exception)
        {
            Log.Failed(logger, what, exception.Kind, exception);
            // The library's words for users, in the request's language; never Message, which is for the operator.
            ErrorMessage = exception.UserMessage;
            return false;
        }
    }

    /// <summary>The local page to return to: <paramref name="returnUrl"/> when it is local, otherwise the site's root.</summary>
    protected IActionResult ReturnTo(string? returnUrl) => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/"));

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "A send budget refused {What}: {Limit}. Nothing was sent.", EventName = "SendRefused")]
        public static partial void SendRefused(ILogger logger, string what, SignalWireSendLimit limit);

        [LoggerMessage(2, LogLevel.Warning, "SignalWire or the cache failed while {What} ({Kind}); the page says to try again.", EventName = "SignalWireFailed")]
        public static partial void Failed(ILogger logger, string what, SignalWireMfaErrorKind kind, Exception exception);
    }
}
