using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// The rules on where a code may go, checked before any budget is counted: the number must be able to exist, lie in
/// an allowed region and not be of a refused kind (premium rate and shared cost by default). A refusal names the rule
/// and masks the number.
/// </summary>
internal sealed class DestinationPolicy(IOptions<SignalWireMfaOptions> options)
{
    private readonly SignalWireMfaOptions _options = options.Value;

    /// <exception cref="SignalWireSendLimitException">The number may not receive codes.</exception>
    public void Check(PhoneNumberFacts destination)
    {
        var masked = E164PhoneNumber.Mask(destination.E164);
        if (!destination.IsValid)
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.InvalidNumber,
                $"The number {masked} is not a valid phone number (no such number can be assigned, by libphonenumber's metadata); check it for a typo and a missing or wrong country code. Nothing was sent.",
                retryAfter: null);
        }

        if (_options.AllowedRegions.Count > 0 && !_options.AllowedRegions.Contains(destination.Region, StringComparer.OrdinalIgnoreCase))
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.RegionNotAllowed,
                $"Codes are not sent to numbers in region {destination.Region} ({masked}): SignalWire:AllowedRegions allows {string.Join(", ", _options.AllowedRegions)}. Nothing was sent.",
                retryAfter: null);
        }

        if (_options.RefusedNumberTypes.Contains(destination.Type))
        {
            throw new SignalWireSendLimitException(
                SignalWireSendLimit.NumberTypeNotAllowed,
                $"Codes are not sent to {destination.Type} numbers ({masked}, region {destination.Region}): SignalWire:RefusedNumberTypes refuses {string.Join(", ", _options.RefusedNumberTypes.Distinct())}. Nothing was sent.",
                retryAfter: null);
        }
    }
}
