namespace Identity.SignalWire.Sample.SignIn;

/// <summary>Which code step a <see cref="CodeStep"/> belongs to; each has a cookie of its own.</summary>
public enum CodeStepKind
{
    /// <summary>The second step of login.</summary>
    SignIn,

    /// <summary>Confirming a new phone number.</summary>
    ConfirmPhone,
}

/// <summary>
/// What the site remembers about one code step, in a Data Protection-protected cookie: when the last code was sent
/// and how often it was tried. It only shapes messages ("expired", "used up", "ask again in 20 s"); the library and
/// SignalWire enforce the rules, so a user who deletes the cookie gains nothing.
/// </summary>
/// <param name="UserId">The user the step belongs to; a cookie of another user is ignored.</param>
public sealed record CodeStep(string UserId)
{
    /// <summary>Gets whether the login should outlive the browser session ("Stay logged in").</summary>
    public bool RememberMe { get; init; }

    /// <summary>Gets the local page to return to after login.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Gets the token provider the last code went through (SMS or call).</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the E.164 number being confirmed, for <see cref="CodeStepKind.ConfirmPhone"/>.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Gets when the last code was sent; <see langword="null"/> before the first.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Gets how many wrong codes were typed since the last code was sent.</summary>
    public int FailedAttempts { get; init; }
}
