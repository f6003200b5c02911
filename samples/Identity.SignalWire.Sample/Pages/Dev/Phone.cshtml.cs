using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Dev;

/// <summary>
/// The development phone: the texts and calls of the embedded emulator. Answers 404 unless
/// <see cref="DevelopmentSignalWire.PhoneFor"/> allows it: in Development, with the emulator, to this machine only.
/// </summary>
public sealed class PhoneModel(TimeProvider timeProvider) : PageModel
{
    /// <summary>Gets the messages, newest first.</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>Gets the emulator's own address.</summary>
    public Uri? EmulatorAddress { get; private set; }

    /// <summary>Gets the time on the emulator's clock, to show how old each message is.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Shows the outbox.</summary>
    public IActionResult OnGet()
    {
        if (DevelopmentSignalWire.PhoneFor(HttpContext) is not { } emulator)
        {
            return NotFound();
        }

        Messages = [.. emulator.Outbox.Reverse()];
        EmulatorAddress = emulator.RootAddress;
        return Page();
    }
}
