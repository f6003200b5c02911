using System.Collections;
using System.Globalization;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// The development phone: every SMS and call the emulator "sent", oldest first. Enumerating takes a snapshot, so
/// it is safe while requests arrive.
/// </summary>
public sealed class PhoneOutbox : IReadOnlyList<OutboxMessage>
{
    private readonly Lock _gate = new();
    private readonly List<OutboxMessage> _messages = [];

    // Per number, the messages NextMessageAsync has not handed out yet, oldest first, so that each message is
    // handed out once, in order, whether it arrived before or after the caller started waiting. Kept per number
    // (and a number's entry dropped once empty) so that a call costs the same in an outbox of ten messages or of
    // ten thousand: the load test waits here once per sign-in and must not measure the outbox instead of HTTP.
    private readonly Dictionary<string, Queue<OutboxMessage>> _notHandedOut = new(StringComparer.Ordinal);

    // Per number, the callers waiting for its next message, in the order they started waiting; the first is served
    // first. A linked list so that a caller whose wait ends can leave from the middle in constant time. Invariant: a
    // number never has both waiters and messages not handed out, and an empty list is never kept.
    private readonly Dictionary<string, LinkedList<Waiter>> _waiters = new(StringComparer.Ordinal);

    /// <summary>Gets the number of messages in the outbox.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Gets the message at <paramref name="index"/>, oldest first.</summary>
    /// <param name="index">The zero-based position.</param>
    public OutboxMessage this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _messages[index];
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
        LinkedListNode<Waiter> place;
        lock (_gate)
        {
            if (_notHandedOut.TryGetValue(to, out var waiting))
            {
                var message = waiting.Dequeue();
                if (waiting.Count == 0)
                {
                    _notHandedOut.Remove(to);
                }

                return message;
            }

            if (!_waiters.TryGetValue(to, out var queue))
            {
                queue = new LinkedList<Waiter>();
                _waiters.Add(to, queue);
            }

            waiter = new Waiter();
            place = queue.AddLast(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                // A message may have been handed to this waiter just as the wait ended (Add takes the waiter out of
                // its list when it does): keep it rather than lose it.
                if (place.List is not { } queue)
                {
                    return waiter.Completion.Task.Result;
                }

                queue.Remove(place);
                if (queue.Count == 0)
                {
                    _waiters.Remove(to);
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
        // Callers already waiting keep waiting: the next message to their number is theirs.
        lock (_gate)
        {
            _messages.Clear();
            _notHandedOut.Clear();
        }
    }

    /// <summary>Returns a snapshot of the messages, oldest first.</summary>
    /// <returns>An enumerator over the snapshot.</returns>
    public IEnumerator<OutboxMessage> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal IReadOnlyList<OutboxMessage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    internal void Add(OutboxMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            if (_waiters.TryGetValue(message.To, out var queue))
            {
                var waiter = queue.First!.Value;
                queue.RemoveFirst();
                if (queue.Count == 0)
                {
                    _waiters.Remove(message.To);
                }

                waiter.Completion.SetResult(message);
                return;
            }

            if (!_notHandedOut.TryGetValue(message.To, out var waiting))
            {
                waiting = new Queue<OutboxMessage>();
                _notHandedOut.Add(message.To, waiting);
            }

            waiting.Enqueue(message);
        }
    }

    private sealed class Waiter
    {
        // Continuations run elsewhere so that a test's code never runs inside the outbox lock.
        public TaskCompletionSource<OutboxMessage> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
