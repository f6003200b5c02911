using System.Globalization;
using System.Text;
using System.Net;

namespace Identity.SignalWire.Emulator;

/// <summary>
/// The HTML development phone at the emulator root: the outbox newest first. It refreshes itself with a meta
/// refresh so that it works without JavaScript, and every value is HTML-encoded because request bodies are
/// untrusted.
/// </summary>
internal static class PhonePage
{
    public static string Render(IReadOnlyList<OutboxMessage> messages)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="2">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Development phone - SignalWire MFA emulator</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}
            .banner{background:#fff3cd;border:1px solid #e0c36a;padding:.75rem 1rem;border-radius:.5rem}
            ol{list-style:none;padding:0}
            li{border:1px solid #ccc;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
            .meta{color:#555;font-size:.9rem}
            .text{font-size:1.1rem;margin:.4rem 0}
            code{font-size:1.3rem;font-weight:bold}
            </style>
            </head>
            <body>
            <h1>Development phone</h1>
            <p class="banner">This is the <strong>SignalWire MFA emulator</strong>, not a real phone: nothing below was sent to anyone.
            It shows every SMS and call the emulator received, newest first, and refreshes every 2 seconds. For development and tests only.</p>

            """);

        if (messages.Count == 0)
        {
            html.Append("<p id=\"empty\">No messages yet.</p>\n");
        }
        else
        {
            html.Append("<ol id=\"outbox\">\n");
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                var message = messages[i];
                var channel = message.Channel == MfaChannel.Sms ? "SMS" : "Call";
                html.Append(CultureInfo.InvariantCulture, $"""
                    <li class="message {Html(channel.ToLowerInvariant())}">
                    <div class="meta">{channel} to {Html(message.To)} from {Html(message.From ?? "(SignalWire number)")} at {Html(message.SentAt.ToString("u", CultureInfo.InvariantCulture))}</div>
                    <div class="text">{Html(message.Text)}</div>
                    <div>Code: <code>{Html(message.Code)}</code> <span class="meta">request {Html(message.Id)}</span></div>
                    </li>

                    """);
            }

            html.Append("</ol>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    // Encodes < > & " ' and leaves "+12015551234" and other text readable in the page source.
    private static string Html(string value) => WebUtility.HtmlEncode(value);
}
