using Identity.SignalWire.BlazorSample.Data;

namespace Identity.SignalWire.BlazorSample.SignalWire;

/// <summary>
/// What every code page does around the library: reads the pending code, and runs a send or a check so that a
/// refusal or an outage becomes a message on the same page instead of an error page.
/// </summary>
public sealed class CodeSteps(
    SignalWirePendingCodes<ApplicationUser> pendingCodes,
    CodeInput input,
    TimeProvider timeProvider,
    ILogger<CodeSteps> logger)
{
    /// <summary>Gets the current time on the site's clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Gets the code box settings.</summary>
    public CodeInput Input => input;

    /// <summary>
    /// The code pending for <paramref name="user"/> and <paramref name="purpose"/>, or <see langword="null"/>.
    /// <paramref name="error"/> is set, and <see langword="null"/> returned, when the store cannot be read.
    /// </summary>
    public async Task<(SignalWirePendingCode? Pending, string? Error)> FindAsync(ApplicationUser user, string purpose)
    {
        try
        {
            return (await pendingCodes.FindAsync(user, purpose), null);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.CodesUnavailable(logger, "read", exception.Kind, (int?)exception.StatusCode, exception);
            return (null, CodeMessages.Unavailable(exception));
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>, a send or a check. Returns <see langword="null"/> when it ran, otherwise what to
    /// tell the user: the send budget's words with the wait, or "try again in a moment" for an outage.
    /// </summary>
    /// <param name="action">"sent" or "checked", for the log.</param>
    /// <param name="work">The library call.</param>
    /// <param name="describe">Words for a SignalWire failure, when the default ones do not fit.</param>
    public async Task<string?> TryAsync(string action, Func<Task> work, Func<SignalWireMfaException, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await work();
            return null;
        }
        catch (SignalWireSendLimitException exception)
        {
            SignInLog.SendRefused(logger, exception.Limit);
            return CodeMessages.SendRefused(exception);
        }
        catch (SignalWireMfaException exception)
        {
            SignInLog.CodesUnavailable(logger, action, exception.Kind, (int?)exception.StatusCode, exception);
            return (describe ?? CodeMessages.Unavailable)(exception);
        }
    }

    /// <summary>The token provider of a channel.</summary>
    public static string ProviderFor(SignalWireMfaChannel channel) =>
        channel == SignalWireMfaChannel.Call ? SignalWireDefaults.CallProviderName : SignalWireDefaults.SmsProviderName;

    /// <summary>
    /// Why <paramref name="pending"/> cannot be tried (see <see cref="CodeMessages.Unusable"/>); <see langword="null"/>
    /// when it can. <paramref name="shownExpiresAt"/> is the expiry the form showed, in Unix seconds.
    /// </summary>
    public string? Unusable(SignalWirePendingCode? pending, long? shownExpiresAt) =>
        CodeMessages.Unusable(pending, ShownExpiry(shownExpiresAt), Now);

    // The hidden field comes back from the browser: a number no date can hold was not written by this page, so it
    // counts as no expiry shown (FromUnixTimeSeconds would throw, a 500).
    private static DateTimeOffset? ShownExpiry(long? seconds) =>
        seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value)
            : null;

    /// <summary>
    /// Whether <paramref name="code"/> can be a code at all, by the library's own rule. Checking first keeps a typo
    /// from counting as a failed sign-in.
    /// </summary>
    public bool LooksLikeCode(string? code) => pendingCodes.IsWellFormed(code);
}
