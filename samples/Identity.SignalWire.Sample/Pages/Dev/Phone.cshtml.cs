using System.Net;
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Identity.SignalWire.Sample.Pages.Dev;

/// <summary>
/// The development phone: the texts and calls of the embedded emulator. Answers 404 when the site uses SignalWire
/// itself, so that it can never show real codes, and to any request that is not from this machine: it shows every
/// code, so a site reachable from a network must not show it there.
/// </summary>
public sealed class PhoneModel(IServiceProvider services, TimeProvider timeProvider) : PageModel
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
        if (services.GetService<SignalWireMfaEmulator>() is not { } emulator || !IsFromThisMachine(HttpContext))
        {
            return NotFound();
        }

        Messages = [.. emulator.Outbox.Reverse()];
        EmulatorAddress = emulator.RootAddress;
        return Page();
    }

    // Loopback, and not relayed by a proxy: a proxy on this machine forwarding an outside request would otherwise
    // look local (its X-Forwarded-For is applied only for known proxies, so check for the header itself as well).
    private static bool IsFromThisMachine(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("Forwarded");
}
