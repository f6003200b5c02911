namespace Identity.SignalWire;

/// <summary>
/// A code that was sent and can still be used, as a page needs it: where it went, until when it works, how many tries
/// it has left and when a new one may be sent. Read it with <see cref="SignalWirePendingCodes{TUser}.FindAsync"/>.
/// </summary>
public sealed class SignalWirePendingCode
{
    internal SignalWirePendingCode(
        SignalWireMfaChannel channel,
        string maskedDestination,
        DateTimeOffset sentAt,
        DateTimeOffset expiresAt,
        int attemptsLeft,
        DateTimeOffset? nextSendAt)
    {
        Channel = channel;
        MaskedDestination = maskedDestination;
        SentAt = sentAt;
        ExpiresAt = expiresAt;
        AttemptsLeft = attemptsLeft;
        NextSendAt = nextSendAt;
    }

    /// <summary>Gets how the code was sent: only the token provider of this channel checks it.</summary>
    public SignalWireMfaChannel Channel { get; }

    /// <summary>Gets the number the code went to, all but its last two digits masked: <c>+*********67</c>.</summary>
    public string MaskedDestination { get; }

    /// <summary>Gets when SignalWire took the send, on the application's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>Gets when the code stops working: <see cref="SentAt"/> plus <see cref="SignalWireMfaOptions.ValidFor"/>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>
    /// Gets how many more times the code can be tried: <see cref="SignalWireMfaOptions.MaxAttempts"/> less the attempts
    /// spent on it, including checks SignalWire is answering at this moment (an attempt whose check got no answer is
    /// given back). At zero the code is used up and a new one is needed.
    /// </summary>
    public int AttemptsLeft { get; }

    /// <summary>
    /// Gets when the resend cooldown (<see cref="SignalWireMfaOptions.ResendCooldown"/>) for this user and purpose
    /// ends; <see langword="null"/> when a new code may be sent now.
    /// </summary>
    public DateTimeOffset? NextSendAt { get; }
}
