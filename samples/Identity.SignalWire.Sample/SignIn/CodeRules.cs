using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Sample.SignIn;

/// <summary>Why a code was refused, as far as the site can tell (the library answers only true or false).</summary>
public enum CodeFailure
{
    /// <summary>The code is wrong; it can be tried again.</summary>
    Wrong,

    /// <summary>The code is wrong and that was its last try: a new one is needed.</summary>
    WrongLastTry,

    /// <summary>The code is older than <see cref="SignalWireMfaOptions.ValidFor"/>: a new one is needed.</summary>
    Expired,

    /// <summary>The code was tried <see cref="SignalWireMfaOptions.MaxAttempts"/> times already: a new one is needed.</summary>
    UsedUp,
}

/// <summary>
/// The code rules of the library's settings, applied to a <see cref="CodeStep"/>: what a code looks like, when a new
/// one may be asked for, and why one was refused.
/// </summary>
/// <remarks>
/// The explanation of a refusal is an estimate from the step cookie. A library method telling whether a code is still
/// pending for a user and purpose would make it exact; <see cref="Explain"/> is the one place to change then.
/// </remarks>
public sealed class CodeRules(IOptions<SignalWireMfaOptions> options, TimeProvider timeProvider)
{
    private readonly SignalWireMfaOptions settings = options.Value;

    /// <summary>Gets the number of characters in a code.</summary>
    public int Length => settings.TokenLength;

    /// <summary>Gets whether codes hold digits only, so that phones show a numeric keyboard.</summary>
    public bool DigitsOnly => !settings.AllowAlphas;

    /// <summary>Gets the HTML <c>pattern</c> of a code.</summary>
    public string Pattern => (DigitsOnly ? "[0-9]" : "[0-9A-Za-z]") + "{" + Length + "}";

    /// <summary>Gets the current time on the site's clock.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>
    /// Whether <paramref name="input"/> can be a code at all (spaces and dashes ignored). Checking this first keeps a
    /// typo from counting as a failed sign-in.
    /// </summary>
    public bool LooksLikeCode(string? input)
    {
        var code = (input ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return code.Length == Length && code.All(c => char.IsAsciiDigit(c) || (!DigitsOnly && char.IsAsciiLetter(c)));
    }

    /// <summary>How long until a new code may be asked for; zero when it may be now.</summary>
    public TimeSpan ResendWait(CodeStep? step)
    {
        if (step?.SentAt is not { } sentAt)
        {
            return TimeSpan.Zero;
        }

        var wait = sentAt + settings.ResendCooldown - Now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>How many more tries the last code has, counting the one being made.</summary>
    public int TriesLeft(CodeStep step) => Math.Max(0, settings.MaxAttempts - step.FailedAttempts);

    /// <summary>Why the code just typed was refused, given the step as it was before this try.</summary>
    public CodeFailure Explain(CodeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.SentAt is not { } sentAt || Now >= sentAt + settings.ValidFor)
        {
            return CodeFailure.Expired;
        }

        if (step.FailedAttempts >= settings.MaxAttempts)
        {
            return CodeFailure.UsedUp;
        }

        return step.FailedAttempts + 1 >= settings.MaxAttempts ? CodeFailure.WrongLastTry : CodeFailure.Wrong;
    }
}
