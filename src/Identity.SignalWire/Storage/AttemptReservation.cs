namespace Identity.SignalWire;

/// <summary>What reserving an attempt of a pending code did, before SignalWire is asked to check it.</summary>
internal enum AttemptReservation
{
    /// <summary>One attempt is now spent on this check: SignalWire may be asked.</summary>
    Reserved,

    /// <summary>The code has no attempt left (all spent, in flight, or SignalWire no longer knows it): nothing changed.</summary>
    NoAttemptsLeft,

    /// <summary>The code is no longer pending: used, cancelled, expired or replaced by a newer one.</summary>
    CodeGone,
}
