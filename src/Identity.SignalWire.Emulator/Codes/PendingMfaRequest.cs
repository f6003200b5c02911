namespace Identity.SignalWire.Emulator;

/// <summary>One code waiting to be verified, and how many tries it has left.</summary>
internal sealed class PendingMfaRequest(string code, DateTimeOffset expiresAt, int maxAttempts)
{
    // Verify must read and update the attempts and the validated flag as one step, or two simultaneous
    // right answers could both succeed.
    public Lock Gate { get; } = new();

    public string Code { get; } = code;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public int MaxAttempts { get; } = maxAttempts;

    public int AttemptsUsed { get; set; }

    public bool Validated { get; set; }
}
