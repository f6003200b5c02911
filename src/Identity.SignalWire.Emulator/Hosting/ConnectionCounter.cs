namespace Identity.SignalWire.Emulator;

/// <summary>Counts the TCP connections Kestrel accepted, so that a test can see whether a client reuses them.</summary>
internal sealed class ConnectionCounter
{
    private long accepted;

    public long Accepted => Interlocked.Read(ref accepted);

    public void OnAccepted() => Interlocked.Increment(ref accepted);
}
