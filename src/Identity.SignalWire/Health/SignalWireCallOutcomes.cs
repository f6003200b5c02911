namespace Identity.SignalWire;

/// <summary>
/// What the latest calls to SignalWire came to, kept by the client for the health check: whether SignalWire refused the
/// credentials since it last accepted them, and how many calls in a row found it unavailable. Reading it costs
/// nothing and calls no one, so a health probe every few seconds never sends a text.
/// </summary>
internal sealed class SignalWireCallOutcomes
{
    private readonly Lock _gate = new();
    private long _calls;
    private int _unavailableInARow;
    private bool _credentialsRefused;

    /// <summary>SignalWire answered with the credentials accepted: a code, a verdict, a validation error or a 429.</summary>
    public void RecordAnswered()
    {
        lock (_gate)
        {
            _calls++;
            _unavailableInARow = 0;
            _credentialsRefused = false;
        }
    }

    /// <summary>A call failed; <paramref name="kind"/> says how.</summary>
    public void RecordFailed(SignalWireMfaErrorKind kind)
    {
        lock (_gate)
        {
            _calls++;
            switch (kind)
            {
                case SignalWireMfaErrorKind.Unauthorized:
                    // SignalWire answered, so it is up; what it said will not change until the settings do.
                    _credentialsRefused = true;
                    _unavailableInARow = 0;
                    break;
                case SignalWireMfaErrorKind.ServiceUnavailable:
                    _unavailableInARow++;
                    break;
                default:
                    // Rejected or rate limited: SignalWire answered with the credentials accepted.
                    _unavailableInARow = 0;
                    _credentialsRefused = false;
                    break;
            }
        }
    }

    /// <summary>Reads the outcomes so far.</summary>
    public Snapshot Read()
    {
        lock (_gate)
        {
            return new Snapshot(_calls, _unavailableInARow, _credentialsRefused);
        }
    }

    /// <summary>The outcomes at one moment.</summary>
    /// <param name="Calls">Calls made since the application started.</param>
    /// <param name="UnavailableInARow">The latest calls in a row that found SignalWire unavailable.</param>
    /// <param name="CredentialsRefused">Whether SignalWire refused the credentials (401/403) since it last accepted them.</param>
    public readonly record struct Snapshot(long Calls, int UnavailableInARow, bool CredentialsRefused);
}
