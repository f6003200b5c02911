using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Identity.SignalWire;

/// <summary>
/// Phone numbers as this library stores and sends them: E.164 (a plus, the country calling code and the number, at
/// most 15 digits), and valid by the metadata of Google's libphonenumber, so that a number that cannot exist never
/// costs a send. Use it to normalise what users type before storing it.
/// </summary>
public static class E164PhoneNumber
{
    /// <summary>The rule, in words, for error messages.</summary>
    public const string Rule =
        "a valid phone number in E.164 form: '+', the country calling code and the number, for example +12015550123";

    /// <summary>
    /// Reads <paramref name="input"/> as an international number and returns it in E.164 form when it is valid.
    /// Spaces, dashes, dots and parentheses are allowed. No country code is ever guessed: a number without its
    /// leading '+' is refused (use the overload that takes a region for national input).
    /// </summary>
    /// <param name="input">A number as a user typed or an application stored it, such as "+1 (201) 555-0123".</param>
    /// <param name="number">The E.164 number, such as "+12015550123", when the method returns <see langword="true"/>.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="input"/> is a valid phone number; <see langword="false"/> for text
    /// that is not a number, a number with an extension, or one that cannot exist (such as +1 123 456 7890).
    /// </returns>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? number)
    {
        number = PhoneNumberFacts.Read(input) is { IsValid: true } facts ? facts.E164 : null;
        return number is not null;
    }

    /// <summary>
    /// Reads <paramref name="input"/> as a number of <paramref name="region"/> when it has no country code, such as
    /// "(415) 555-0123" with "US", or as an international number when it starts with '+', and returns it in E.164
    /// form when it is valid.
    /// </summary>
    /// <param name="input">A number as a user typed it.</param>
    /// <param name="region">The ISO 3166-1 alpha-2 region that national input belongs to, such as "US" or "GB".</param>
    /// <param name="number">The E.164 number when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is a valid phone number.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not a region libphonenumber knows.</exception>
    public static bool TryNormalize(string? input, string region, [NotNullWhen(true)] out string? number)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (!PhoneNumberFacts.IsKnownRegion(region))
        {
            throw new ArgumentException(
                $"\"{region}\" is not a region with phone numbers: give an ISO 3166-1 alpha-2 code such as \"US\" or \"GB\".",
                nameof(region));
        }

        number = PhoneNumberFacts.Read(input, region) is { IsValid: true } facts ? facts.E164 : null;
        return number is not null;
    }

    /// <summary>
    /// Checks that <paramref name="number"/> is already a valid number in exact E.164 form, without normalising:
    /// "+12015550123" passes, "+1 201 555 0123" and "+12015550123" do not.
    /// </summary>
    /// <param name="number">The number to check.</param>
    /// <returns><see langword="true"/> when the number is valid and E.164.</returns>
    public static bool IsValid([NotNullWhen(true)] string? number) =>
        number is not null && PhoneNumberFacts.Read(number) is { IsValid: true } facts && string.Equals(facts.E164, number, StringComparison.Ordinal);

    /// <summary>
    /// Masks a number to its last two digits (<c>+*********67</c>) so that it can appear in a log line or an error
    /// message without identifying anyone.
    /// </summary>
    /// <param name="number">Any text that may hold a phone number.</param>
    /// <returns>The masked number; <c>(none)</c> for an empty one.</returns>
    public static string Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "(none)";
        }

        var digits = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        // Keep only the last two digits, and not even those of a very short input.
        var keep = digits > 4 ? 2 : 0;
        var masked = new StringBuilder(digits + 1);
        if (number.TrimStart().StartsWith('+'))
        {
            masked.Append('+');
        }

        var seen = 0;
        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            seen++;
            masked.Append(seen > digits - keep ? c : '*');
        }

        return masked.Length == 0 ? "(no digits)" : masked.ToString();
    }
}
