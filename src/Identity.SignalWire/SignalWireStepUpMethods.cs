namespace Identity.SignalWire;

/// <summary>The ways a signed-in user can prove again that they hold the account's second factor.</summary>
[Flags]
public enum SignalWireStepUpMethods
{
    /// <summary>No way: the user has no second factor to prove.</summary>
    None = 0,

    /// <summary>A fresh code sent by text message to the user's confirmed phone number.</summary>
    Sms = 1,

    /// <summary>A fresh code read out by a voice call to the user's confirmed phone number.</summary>
    Call = 2,

    /// <summary>A code from the authenticator app enrolled for two-factor sign-in.</summary>
    Authenticator = 4,

    /// <summary>One of the user's recovery codes, made before this session last made a set.</summary>
    RecoveryCode = 8,
}
