namespace Identity.SignalWire.Emulator;

/// <summary>What a verify call finds.</summary>
internal enum VerifyOutcome
{
    /// <summary>Unknown ID, expired, attempts used up or already validated: SignalWire answers 404.</summary>
    NotFound,

    /// <summary>Wrong token: 200 <c>{"success":false}</c>, one attempt used.</summary>
    Wrong,

    /// <summary>Right token: 200 <c>{"success":true}</c>; the request is spent.</summary>
    Right,
}
