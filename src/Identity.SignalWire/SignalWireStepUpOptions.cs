using Microsoft.AspNetCore.Http;

namespace Identity.SignalWire;

/// <summary>Settings of step-up, the re-check of the second factor before a sensitive action.</summary>
public sealed class SignalWireStepUpOptions
{
    /// <summary>
    /// Gets or sets how long a step-up stays valid once proved: long enough to fill in one form, short enough that a
    /// session left open is not a standing licence. Between 10 seconds and 1 hour. Defaults to 5 minutes.
    /// </summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the page that asks a browser for step-up, such as <c>/Account/Manage/ConfirmIdentity</c>. A browser
    /// that reaches an action requiring step-up without a fresh proof is sent there, with the page it came for in the
    /// <c>ReturnUrl</c> query parameter. Defaults to none: the request is answered 403 with a problem document of
    /// type <see cref="SignalWireDefaults.StepUpRequiredProblemType"/>, which is also the answer to a request that does
    /// not accept HTML.
    /// </summary>
    public PathString StepUpPath { get; set; }
}
