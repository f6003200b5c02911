using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class OutboxTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Phone_page_is_html_newest_first_refreshing_itself_and_encoded()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var browser = new HttpClient { BaseAddress = emulator.RootAddress };
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["message"] = "First <b>&</b> code:" });
        await api.SendAsync(new JsonObject { ["to"] = "+12015557654" }, "call");

        using var response = await browser.GetAsync(emulator.RootAddress);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"2\">", html, StringComparison.Ordinal);
        Assert.Contains("Development phone", html, StringComparison.Ordinal);
        Assert.Contains($"First &lt;b&gt;&amp;&lt;/b&gt; code: {emulator.Outbox[0].Code}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&</b>", html, StringComparison.Ordinal);
        var callAt = html.IndexOf($"Your Personal Authorization Code is {string.Join(' ', emulator.Outbox[1].Code.ToCharArray())}", StringComparison.Ordinal);
        var smsAt = html.IndexOf("First &lt;b&gt;", StringComparison.Ordinal);
        Assert.True(callAt >= 0 && callAt < smsAt, "the newest message comes first");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Outbox_is_readable_as_json_and_can_be_cleared()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var control = new HttpClient { BaseAddress = emulator.RootAddress };
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["from"] = "+12015557654" });

        var listed = JsonDocument.Parse(await control.GetStringAsync(new Uri("/emulator/outbox", UriKind.Relative))).RootElement;
        using var cleared = await control.DeleteAsync(new Uri("/emulator/outbox", UriKind.Relative));

        var entry = Assert.Single(listed.EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal("sms", entry.GetProperty("channel").GetString());
        Assert.Equal(EmulatorApi.Number, entry.GetProperty("to").GetString());
        Assert.Equal("+12015557654", entry.GetProperty("from").GetString());
        Assert.Equal($"Your Personal Authorization Code is: {entry.GetProperty("code").GetString()}", entry.GetProperty("text").GetString());
        Assert.True(entry.TryGetProperty("sent_at", out _));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task NextCodeAsync_returns_a_code_that_arrived_before_the_call()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        var code = await emulator.NextCodeAsync(EmulatorApi.Number, Wait);

        Assert.Equal(emulator.Outbox[0].Code, code);
    }

    [Fact]
    public async Task NextCodeAsync_waits_for_a_code_that_arrives_after_the_call()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var next = emulator.NextCodeAsync(EmulatorApi.Number, Wait);
        Assert.False(next.IsCompleted);
        await api.SendAsync(new JsonObject { ["to"] = "+12015557654" });
        Assert.False(next.IsCompleted);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        Assert.Equal(emulator.Outbox.Single(m => m.To == EmulatorApi.Number).Code, await next);
    }

    [Fact]
    public async Task NextCodeAsync_hands_out_each_code_once_in_order()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 8 });
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 9 });

        var first = await emulator.NextCodeAsync(EmulatorApi.Number, Wait);
        var second = await emulator.NextCodeAsync(EmulatorApi.Number, Wait);
        var third = emulator.NextCodeAsync(EmulatorApi.Number, TimeSpan.FromMilliseconds(200));

        Assert.Equal(8, first.Length);
        Assert.Equal(9, second.Length);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => third);
        Assert.DoesNotContain("2015551234", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextMessageAsync_honours_cancellation()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait, cancellation.Token));
    }
}
