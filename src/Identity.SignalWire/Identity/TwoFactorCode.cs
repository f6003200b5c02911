namespace Identity.SignalWire;

/// <summary>Cleans up the code a user typed, and tells whether it can be a code at all.</summary>
internal static class TwoFactorCode
{
    /// <summary>
    /// Trims the input and drops spaces and dashes (people copy "123 456" or "123-456"); upper-cases it when codes
    /// may hold letters, since SignalWire compares exactly. Returns <see langword="null"/> when what remains has the
    /// wrong length or alphabet, so that no attempt is spent at SignalWire on it.
    /// </summary>
    public static string? Normalize(string? input, int tokenLength, bool allowAlphas)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> code = stackalloc char[tokenLength];
        var length = 0;
        foreach (var c in input.AsSpan().Trim())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = allowAlphas ? char.ToUpperInvariant(c) : c;
            var allowed = char.IsAsciiDigit(upper) || (allowAlphas && char.IsAsciiLetterUpper(upper));
            if (!allowed || length == tokenLength)
            {
                return null;
            }

            code[length++] = upper;
        }

        return length == tokenLength ? new string(code) : null;
    }
}
