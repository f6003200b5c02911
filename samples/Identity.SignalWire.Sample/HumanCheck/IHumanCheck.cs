using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Identity.SignalWire.Sample.HumanCheck;

/// <summary>
/// The site's own check that a person, not a script, is asking for a code: what the challenge page runs when the
/// library refuses a confirmation code with <see cref="SignalWireSendLimit.ChallengeRequired"/>. The sample registers a
/// Development stand-in (<see cref="DevelopmentHumanCheck"/>); a real site registers a CAPTCHA here, such as Cloudflare
/// Turnstile or reCAPTCHA (docs/abuse-protection.md shows a Turnstile one), and renders its widget in
/// <c>Pages/Shared/_HumanCheck.cshtml</c>.
/// </summary>
public interface IHumanCheck
{
    /// <summary>
    /// Starts a check: the question to show under the form, kept server-side in <paramref name="state"/> (TempData,
    /// which the site protects with Data Protection), or <see langword="null"/> when the widget asks on its own.
    /// </summary>
    /// <param name="state">Where the expected answer is kept until the form comes back.</param>
    string? Ask(ITempDataDictionary state);

    /// <summary>Whether the form the user posted passes the check started by <see cref="Ask"/>. A check is used once.</summary>
    /// <param name="form">The posted form.</param>
    /// <param name="state">Where <see cref="Ask"/> kept the expected answer.</param>
    /// <param name="cancellationToken">Cancels the check (a CAPTCHA calls its provider).</param>
    Task<bool> PassedAsync(IFormCollection form, ITempDataDictionary state, CancellationToken cancellationToken);
}
