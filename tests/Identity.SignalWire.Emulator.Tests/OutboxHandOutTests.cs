using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

/// <summary>
/// Which message <see cref="PhoneOutbox.NextMessageAsync"/> hands to whom: each message once, in arrival order per
/// number, to callers in the order they started waiting, however many messages other numbers have.
/// </summary>
public sealed class OutboxHandOutTests
{
    private const string Uk = "+447400123456";
    private const string France = "+33612345678";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Messages_to_several_numbers_interleaved_go_each_to_its_own_number_in_order()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        foreach (var to in new[] { EmulatorApi.Number, Uk, EmulatorApi.Number, France, Uk, EmulatorApi.Number })
        {
            await api.SendAsync(new JsonObject { ["to"] = to });
        }

        // Ask in an order unlike the arrival order: each number still gets its own messages, oldest first.
        var handedOut = new List<OutboxMessage>();
        foreach (var to in new[] { Uk, France, EmulatorApi.Number, Uk, EmulatorApi.Number, EmulatorApi.Number })
        {
            handedOut.Add(await emulator.Outbox.NextMessageAsync(to, Wait));
        }

        var sent = emulator.Outbox.ToList();
        Assert.Equal([sent[1], sent[3], sent[0], sent[4], sent[2], sent[5]], handedOut);
    }

    [Fact]
    public async Task Two_callers_waiting_on_one_number_get_its_next_two_messages_in_the_order_they_started_waiting()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var first = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        var second = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 8 });
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["token_length"] = 9 });

        Assert.Equal(emulator.Outbox[0], await first);
        Assert.Equal(emulator.Outbox[1], await second);
        Assert.Equal(8, (await first).Code.Length);
        Assert.Equal(9, (await second).Code.Length);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_leaves_the_queue_and_the_callers_around_it_are_served_in_order()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var stop = new CancellationTokenSource();

        var first = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        var gaveUp = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait, stop.Token);
        var third = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        Assert.Equal(emulator.Outbox[0], await first);
        Assert.Equal(emulator.Outbox[1], await third);
    }

    [Fact]
    public async Task A_message_that_arrives_while_nobody_waits_is_kept_for_the_next_caller_after_earlier_ones_were_handed_out()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var waited = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        var first = await waited;
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        await api.SendAsync(new JsonObject { ["to"] = Uk });
        var second = await emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);

        Assert.Equal(emulator.Outbox[0], first);
        Assert.Equal(emulator.Outbox[1], second);
    }

    [Fact]
    public async Task Clear_forgets_messages_not_handed_out_but_a_caller_already_waiting_gets_the_next_message()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        await api.SendAsync(new JsonObject { ["to"] = Uk });
        var waiting = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);

        emulator.Outbox.Clear();
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        await api.SendAsync(new JsonObject { ["to"] = Uk });

        Assert.Equal(emulator.Outbox[0], await waiting);
        Assert.Equal(emulator.Outbox[1], await emulator.Outbox.NextMessageAsync(Uk, Wait));
        Assert.Equal(2, emulator.Outbox.Count);
    }

    [Fact]
    public async Task A_large_outbox_still_hands_a_new_number_its_message_and_every_number_its_own_in_order()
    {
        const int otherNumbers = 1_000;
        const int messagesEach = 20;
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var others = Enumerable.Range(0, otherNumbers).Select(i => $"+447400{100_000 + i}").ToArray();
        var sends = Enumerable.Range(0, otherNumbers * messagesEach).Select(i => others[i % otherNumbers]);
        await Parallel.ForEachAsync(
            sends,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (to, _) => await api.SendAsync(new JsonObject { ["to"] = to }));

        var waited = emulator.Outbox.NextMessageAsync(EmulatorApi.Number, Wait);
        await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        await api.SendAsync(new JsonObject { ["to"] = France });
        var newNumberWaited = await waited;
        var newNumberFound = await emulator.Outbox.NextMessageAsync(France, Wait);
        var sampled = others[otherNumbers / 2];
        var sampledHandedOut = new List<OutboxMessage>();
        for (var i = 0; i < messagesEach; i++)
        {
            sampledHandedOut.Add(await emulator.Outbox.NextMessageAsync(sampled, Wait));
        }

        var sent = emulator.Outbox.ToList();
        Assert.Equal((otherNumbers * messagesEach) + 2, sent.Count);
        Assert.Equal(sent[^2], newNumberWaited);
        Assert.Equal(sent[^1], newNumberFound);
        Assert.Equal(sent.Where(m => m.To == sampled), sampledHandedOut);
    }
}
