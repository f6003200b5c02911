using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Identity.SignalWire;

/// <summary>
/// E.164 phone numbers as SignalWire expects them: a plus, a first digit from 1 to 9, at most 15 digits in all.
/// </summary>
public static class E164PhoneNumber
{
    /// <summary>The rule, in words, for error messages.</summary>
    public const string Rule =
        "an E.164 number: '+', the country calling code and the number, 15 digits at most, for example +15551234567";

    /// <summary>
    /// Removes spaces, dashes, dots and parentheses from <paramref name="input"/> and checks that what remains is
    /// E.164. No country code is ever guessed: a number without its leading '+' is refused.
    /// </summary>
    /// <param name="input">A number as a user typed or an application stored it.</param>
    /// <param name="number">The E.164 number, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="input"/> is an E.164 number once normalised.</returns>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '.' or '(' or ')' || char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c);
        }

        var candidate = builder.ToString();
        if (!IsValid(candidate))
        {
            return false;
        }

        number = candidate;
        return true;
    }

    /// <summary>Checks <paramref name="number"/> against <c>^\+[1-9]\d{1,14}$</c> exactly, without normalising.</summary>
    /// <param name="number">The number to check.</param>
    /// <returns><see langword="true"/> when the number is E.164.</returns>
    public static bool IsValid([NotNullWhen(true)] string? number)
    {
        if (number is null || number.Length < 3 || number.Length > 16 || number[0] != '+' || number[1] is < '1' or > '9')
        {
            return false;
        }

        for (var i = 2; i < number.Length; i++)
        {
            if (number[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

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
