using System.Collections;
using System.Globalization;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// The development phone: every SMS and call the emulator "sent", oldest first. Enumerating takes a snapshot, so
/// it is safe while requests arrive.
/// </summary>
public sealed class PhoneOutbox : IReadOnlyList<OutboxMessage>
{
    private readonly Lock gate = new();
    private readonly List<OutboxMessage> messages = [];

    // Per number, the index in `messages` of the last message handed out by NextMessageAsync, so that each
    // message is handed out once, in order, whether it arrived before or after the caller started waiting.
    private readonly Dictionary<string, int> lastHandedOut = new(StringComparer.Ordinal);
    private readonly List<Waiter> waiters = [];

    /// <summary>Gets the number of messages in the outbox.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return messages.Count;
            }
        }
    }

    /// <summary>Gets the message at <paramref name="index"/>, oldest first.</summary>
    /// <param name="index">The zero-based position.</param>
    public OutboxMessage this[int index]
    {
        get
        {
            lock (gate)
            {
                return messages[index];
            }
        }
    }

    /// <summary>
    /// Waits for the next code sent to <paramref name="to"/>: the oldest message to that number not yet handed out by
    /// this method, whether it arrived before the call or arrives within <paramref name="timeout"/>. Each message
    /// is handed out once, so a test can trigger a send and then wait, or wait and then trigger, without racing.
    /// </summary>
    /// <param name="to">The E.164 number the code went to.</param>
    /// <param name="timeout">How long to wait for a message to arrive.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The code alone.</returns>
    /// <exception cref="TimeoutException">No message reached the number in time.</exception>
    public async Task<string> NextCodeAsync(string to, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await NextMessageAsync(to, timeout, cancellationToken).ConfigureAwait(false)).Code;

    /// <summary>
    /// Waits for the next message sent to <paramref name="to"/>, like <see cref="NextCodeAsync"/>, and returns all of it.
    /// </summary>
    /// <param name="to">The E.164 number the code went to.</param>
    /// <param name="timeout">How long to wait for a message to arrive.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The whole message.</returns>
    /// <exception cref="TimeoutException">No message reached the number in time.</exception>
    public async Task<OutboxMessage> NextMessageAsync(string to, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);

        Waiter waiter;
        lock (gate)
        {
            var start = lastHandedOut.TryGetValue(to, out var last) ? last + 1 : 0;
            for (var i = start; i < messages.Count; i++)
            {
                if (messages[i].To == to)
                {
                    lastHandedOut[to] = i;
                    return messages[i];
                }
            }

            waiter = new Waiter(to);
            waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            lock (gate)
            {
                // A message may have been handed to this waiter just as the wait ended: keep it rather than lose it.
                if (!waiters.Remove(waiter))
                {
                    return waiter.Completion.Task.Result;
                }
            }

            if (exception is TimeoutException)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"No SMS or call reached {MaskedNumber.Of(to)} within {timeout}."));
            }

            throw;
        }
    }

    /// <summary>Empties the outbox and forgets which messages were handed out.</summary>
    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
            lastHandedOut.Clear();
        }
    }

    /// <summary>Returns a snapshot of the messages, oldest first.</summary>
    /// <returns>An enumerator over the snapshot.</returns>
    public IEnumerator<OutboxMessage> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal IReadOnlyList<OutboxMessage> Snapshot()
    {
        lock (gate)
        {
            return [.. messages];
        }
    }

    internal void Add(OutboxMessage message)
    {
        lock (gate)
        {
            messages.Add(message);
            var waiter = waiters.Find(w => w.To == message.To);
            if (waiter is null)
            {
                return;
            }

            waiters.Remove(waiter);
            lastHandedOut[message.To] = messages.Count - 1;
            waiter.Completion.SetResult(message);
        }
    }

    private sealed class Waiter(string to)
    {
        public string To { get; } = to;

        // Continuations run elsewhere so that a test's code never runs inside the outbox lock.
        public TaskCompletionSource<OutboxMessage> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
