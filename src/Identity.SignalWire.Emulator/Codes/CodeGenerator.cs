using System.Security.Cryptography;

namespace Identity.SignalWire.Emulator;

/// <summary>Draws codes the way SignalWire does: digits, or digits and upper-case letters when alphas are allowed.</summary>
internal static class CodeGenerator
{
    private const string Digits = "0123456789";

    private const string DigitsAndLetters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public static string Generate(int length, bool allowAlphas) =>
        RandomNumberGenerator.GetString(allowAlphas ? DigitsAndLetters : Digits, length);
}
