namespace Identity.SignalWire;

/// <summary>What <see cref="SignalWireStepUp{TUser}.ProveAsync"/> found.</summary>
public enum SignalWireStepUpResult
{
    /// <summary>The code was right: this session holds a fresh proof for the user as the user is now.</summary>
    Succeeded = 0,

    /// <summary>The code was wrong, expired or used up; the failure counts toward the user's lockout.</summary>
    Failed = 1,

    /// <summary>The user is locked out after too many wrong answers; nothing was checked.</summary>
    LockedOut = 2,

    /// <summary>
    /// The user cannot prove themselves this way: no confirmed phone for a text or call, no authenticator app, no
    /// recovery code, or recovery codes this very session made. Nothing was checked and nothing counted.
    /// </summary>
    MethodUnavailable = 3,
}
