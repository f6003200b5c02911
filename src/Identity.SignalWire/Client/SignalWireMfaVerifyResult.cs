namespace Identity.SignalWire;

/// <summary>SignalWire's answer when a code is checked.</summary>
internal enum SignalWireMfaVerifyResult
{
    /// <summary>The code is right (<c>{"success":true}</c>); the request cannot be used again.</summary>
    Valid,

    /// <summary>The code is wrong (<c>{"success":false}</c>); one attempt is used up.</summary>
    Invalid,

    /// <summary>
    /// <c>404 Not Found</c>: the request expired, its attempts are used up, it was already validated, or it is unknown.
    /// The user needs a new code.
    /// </summary>
    NotFound,
}
