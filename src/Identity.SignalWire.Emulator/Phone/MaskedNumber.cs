namespace Identity.SignalWire.Emulator;

/// <summary>Hides all but the last two digits of a phone number, for exception messages and logs.</summary>
internal static class MaskedNumber
{
    public static string Of(string number)
    {
        var digits = number.Count(char.IsAsciiDigit);
        var keep = digits > 4 ? 2 : 0;
        var seen = 0;
        var masked = number.Where(char.IsAsciiDigit).Select(c => ++seen > digits - keep ? c : '*');
        return (number.StartsWith('+') ? "+" : string.Empty) + new string([.. masked]);
    }
}
