namespace Identity.SignalWire.Emulator;

/// <summary>
/// Faults queued for the next <c>/api</c> requests, first queued first applied; each request takes at most one.
/// The <c>/emulator</c> routes and the phone page are never affected.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Lock gate = new();
    private readonly LinkedList<(EmulatorFault Fault, int Remaining)> queue = new();

    /// <summary>Gets how many requests still have a fault waiting for them.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return queue.Sum(entry => entry.Remaining);
            }
        }
    }

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> <c>/api</c> requests.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void Enqueue(EmulatorFault fault, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (gate)
        {
            queue.AddLast((fault, count));
        }
    }

    /// <summary>Answers <paramref name="statusCode"/> to the next <paramref name="count"/> requests.</summary>
    /// <param name="statusCode">An HTTP error status from 400 to 599, such as 500, 503 or 429.</param>
    /// <param name="count">How many requests it affects; at least 1.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header in whole seconds, or <see langword="null"/> for none.</param>
    public void FailNext(int statusCode, int count = 1, TimeSpan? retryAfter = null) =>
        Enqueue(EmulatorFault.Status(statusCode, retryAfter), count);

    /// <summary>Delays the next <paramref name="count"/> requests by <paramref name="delay"/>, then answers them normally.</summary>
    /// <param name="delay">The wait, in real time.</param>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void DelayNext(TimeSpan delay, int count = 1) => Enqueue(EmulatorFault.Late(delay), count);

    /// <summary>Drops the connection of the next <paramref name="count"/> requests.</summary>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void DropNext(int count = 1) => Enqueue(EmulatorFault.DroppedConnection(), count);

    /// <summary>Answers the next <paramref name="count"/> requests with 200 and broken JSON.</summary>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void SendUnreadableBodyNext(int count = 1) => Enqueue(EmulatorFault.UnreadableBody(), count);

    /// <summary>Answers the next <paramref name="count"/> requests with a proxy's 404 HTML page.</summary>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void SendHtmlNotFoundNext(int count = 1) => Enqueue(EmulatorFault.HtmlNotFound(), count);

    /// <summary>Answers the next <paramref name="count"/> requests with 200 under an unknown charset.</summary>
    /// <param name="count">How many requests it affects; at least 1.</param>
    public void SendUnknownCharsetNext(int count = 1) => Enqueue(EmulatorFault.UnknownCharset(), count);

    /// <summary>Removes every queued fault.</summary>
    public void Clear()
    {
        lock (gate)
        {
            queue.Clear();
        }
    }

    internal EmulatorFault? TakeNext()
    {
        lock (gate)
        {
            if (queue.First is not { } head)
            {
                return null;
            }

            var (fault, remaining) = head.Value;
            if (remaining == 1)
            {
                queue.RemoveFirst();
            }
            else
            {
                head.Value = (fault, remaining - 1);
            }

            return fault;
        }
    }
}
