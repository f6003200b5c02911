namespace Identity.SignalWire.Emulator;

/// <summary>One SMS or call the emulator "sent", as the phone would show or speak it.</summary>
/// <param name="Id">The MFA request ID returned to the caller; verify with <c>POST /mfa/{Id}/verify</c>.</param>
/// <param name="Channel">SMS or call.</param>
/// <param name="To">The E.164 number the code went to.</param>
/// <param name="From">The E.164 sender the request named, or <see langword="null"/> when SignalWire would use its own.</param>
/// <param name="Text">The text the phone shows (SMS) or the words it speaks (call), code included.</param>
/// <param name="Code">The code alone.</param>
/// <param name="SentAt">When the emulator accepted the request, on its clock.</param>
public sealed record OutboxMessage(
    string Id,
    MfaChannel Channel,
    string To,
    string? From,
    string Text,
    string Code,
    DateTimeOffset SentAt);
