using System.Globalization;
using Identity.SignalWire.Emulator;

namespace Identity.SignalWire.Testing.Browser;

/// <summary>A test user's phone: a fresh valid number and the texts and calls the emulator sent to it.</summary>
public sealed class TestPhone(SignalWireMfaEmulator emulator)
{
    private static int s_numbers;

    /// <summary>
    /// Gets a fresh New Jersey number (+1 201), valid per libphonenumber: the exchange starts with 2-8 and never ends in
    /// 11 (N11 codes are not exchanges). One per phone, so that no two tests share send budgets.
    /// </summary>
    public string Number { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"+1201{Random.Shared.Next(22, 89)}{Random.Shared.Next(2, 10)}{Interlocked.Increment(ref s_numbers) % 10000:D4}");

    /// <summary>The next message the emulator sent to this phone.</summary>
    public Task<OutboxMessage> NextMessageAsync() => emulator.Outbox.NextMessageAsync(Number, TimeSpan.FromSeconds(15));

    /// <summary>The next code the emulator sent to this phone.</summary>
    public async Task<string> NextCodeAsync() => (await NextMessageAsync()).Code;

    /// <summary>How many texts and calls reached this phone.</summary>
    public int MessagesSent() => emulator.Outbox.Count(message => message.To == Number);

    /// <summary>A code that is certainly not <paramref name="code"/>: every digit moved by one.</summary>
    public static string WrongCodeFor(string code) => new([.. code.Select(c => (char)('0' + ((c - '0' + 1) % 10)))]);
}
