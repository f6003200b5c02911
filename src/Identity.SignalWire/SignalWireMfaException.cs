using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire;

/// <summary>
/// A code could not be sent or checked: a call to SignalWire's MFA API failed, a send budget refused the code, or the
/// distributed cache that keeps pending codes and budgets failed (<see cref="SignalWireMfaErrorKind.StoreUnavailable"/>).
/// The message carries SignalWire's status, error code and text, and never a secret: no API token, no code and no
/// full phone number.
/// </summary>
/// <remarks>
/// The token providers throw this instead of returning <see langword="false"/> when SignalWire or the cache cannot
/// answer, so that <c>SignInManager.TwoFactorSignInAsync</c> does not count an outage toward the user's lockout.
/// </remarks>
public class SignalWireMfaException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public SignalWireMfaException()
        : this(SignalWireMfaErrorKind.ServiceUnavailable, "SignalWire's MFA API could not be used.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SignalWireMfaException(string message)
        : this(SignalWireMfaErrorKind.ServiceUnavailable, message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SignalWireMfaException(string message, Exception? innerException)
        : this(SignalWireMfaErrorKind.ServiceUnavailable, message, innerException: innerException)
    {
    }

    /// <summary>Creates an exception that says why SignalWire failed.</summary>
    /// <param name="kind">Why the call failed.</param>
    /// <param name="message">What went wrong and what to do; never a secret.</param>
    /// <param name="statusCode">The HTTP status SignalWire answered, if it answered.</param>
    /// <param name="errorCode">SignalWire's error code, if it sent one.</param>
    /// <param name="attribute">The request field SignalWire rejected, if it named one.</param>
    /// <param name="retryAfter">How long to wait before trying again, if known.</param>
    /// <param name="innerException">The cause.</param>
    public SignalWireMfaException(
        SignalWireMfaErrorKind kind,
        string message,
        HttpStatusCode? statusCode = null,
        string? errorCode = null,
        string? attribute = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Attribute = attribute;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets why the call failed.</summary>
    public SignalWireMfaErrorKind Kind { get; }

    /// <summary>Gets the HTTP status SignalWire answered; <see langword="null"/> when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets SignalWire's error code (for example <c>invalid_parameter</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the request field SignalWire rejected (for example <c>to</c>), when it named one.</summary>
    public string? Attribute { get; }

    /// <summary>Gets how long to wait before trying again, when known (429 with <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Gets a short sentence to show the user, in <see cref="CultureInfo.CurrentUICulture"/> as it is when read: what
    /// happened and what to do next ("A code was sent a moment ago. You can ask for a new code in 45 s."). Show this,
    /// never <see cref="Exception.Message"/>, which is written for operators.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Built in for English and every language of the built-in SMS texts; a regional culture uses its language
    /// (fr-CA → fr, zh-TW → zh-Hant), and a language the library lacks gets English. The sentence never tells how
    /// many codes the site allows or whether an account exists, never blames the user for the site's settings, and
    /// holds no part of a phone number or a code; only a resend cooldown names its wait.
    /// </para>
    /// <para>
    /// The culture is read when the property is, not when the exception is thrown, so a page shows the sentence in the
    /// language it renders in, even when the code itself went out in the user's saved language
    /// (<see cref="ISignalWireCultureSelector{TUser}"/>). For the application's own words, see <see cref="GetUserMessage"/>.
    /// </para>
    /// </remarks>
    public string UserMessage => UserMessages.For(this, CultureInfo.CurrentUICulture);

    /// <summary>
    /// Gets the sentence to show the user, from <paramref name="localizer"/> when it has one: the localizer is asked for
    /// <c>SignalWire.</c> and the sentence's name (<c>SignalWire.ResendCooldown</c>, <c>SignalWire.Unavailable</c>, …;
    /// docs/localisation.md lists them), with the wait in words as <c>{0}</c>. A name the localizer does not have
    /// falls back to <see cref="UserMessage"/>, so an application overrides only the sentences it wants to.
    /// </summary>
    /// <param name="localizer">The application's localizer, for example one over its own .resx files.</param>
    /// <returns>The application's sentence, or the library's.</returns>
    public string GetUserMessage(IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return UserMessages.For(this, localizer, CultureInfo.CurrentUICulture);
    }

    /// <summary>
    /// Gets whether trying again later may succeed: SignalWire was unavailable or rate limited, or the distributed cache
    /// was unavailable.
    /// </summary>
    public bool IsTransient => Kind is SignalWireMfaErrorKind.ServiceUnavailable
        or SignalWireMfaErrorKind.RateLimited
        or SignalWireMfaErrorKind.StoreUnavailable;
}
