namespace Identity.SignalWire.IntegrationTests.Infrastructure;

internal static class Codes
{
    /// <summary>A code of the same length and alphabet that differs from <paramref name="code"/> in its first digit.</summary>
    public static string WrongFor(string code) =>
        (char)('0' + ((code[0] - '0' + 1) % 10)) + code[1..];
}
