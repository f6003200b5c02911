using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Checks every <c>[Range]</c> on the settings, nested groups included (<c>[ValidateObjectMembers]</c>), with code the
/// options source generator writes: the range lives on the property, once. The rules that span settings or need more
/// than a range are <see cref="SignalWireMfaOptionsValidator"/>'s.
/// </summary>
[OptionsValidator]
internal sealed partial class SignalWireMfaOptionsRanges : IValidateOptions<SignalWireMfaOptions>;
