namespace Identity.SignalWire.Emulator;

/// <summary>One fault to apply to an <c>/api</c> request. Create it with the static factory methods.</summary>
public sealed record EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>Gets what the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets the HTTP status answered, for <see cref="EmulatorFaultKind.Status"/>; otherwise 0.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Gets the <c>Retry-After</c> header sent with the status, or <see langword="null"/> for none.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Gets the wait before answering, for <see cref="EmulatorFaultKind.Delay"/>; otherwise zero.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with a body like SignalWire's, <c>{"error":"Internal Server Error"}</c> for
    /// 500, instead of handling the request.
    /// </summary>
    /// <param name="statusCode">An HTTP error status from 400 to 599, such as 500, 503 or 429.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header in whole seconds, or <see langword="null"/> for none.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Status(int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        }

        return new EmulatorFault(EmulatorFaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter };
    }

    /// <summary>Waits <paramref name="delay"/> (real time) before handling the request normally.</summary>
    /// <param name="delay">The wait.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Late(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new EmulatorFault(EmulatorFaultKind.Delay) { Delay = delay };
    }

    /// <summary>Drops the connection without answering.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault DroppedConnection() => new(EmulatorFaultKind.Drop);

    /// <summary>Answers 200 with broken JSON.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault UnreadableBody() => new(EmulatorFaultKind.UnreadableBody);

    /// <summary>Answers 404 with an HTML page, as a proxy or a gateway would, without handling the request.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault HtmlNotFound() => new(EmulatorFaultKind.HtmlNotFound);

    /// <summary>
    /// Answers 200 with <c>{"success":false}</c> under a <c>Content-Type</c> whose charset is unknown, without handling
    /// the request.
    /// </summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault UnknownCharset() => new(EmulatorFaultKind.UnknownCharset);
}
