using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class VerifyTests
{
    [Fact]
    public async Task Right_token_succeeds_once_then_the_request_is_404()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        var code = Assert.Single(emulator.Outbox).Code;

        using var first = await api.VerifyAsync(id, code);
        using var second = await api.VerifyAsync(id, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("""{"success":true}""", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Wrong_token_answers_success_false_and_uses_an_attempt()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["max_attempts"] = 2 });
        var code = Assert.Single(emulator.Outbox).Code;

        using var wrong = await api.VerifyAsync(id, WrongCode(code));
        using var right = await api.VerifyAsync(id, code);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("""{"success":false}""", await wrong.Content.ReadAsStringAsync());
        // The second and last attempt is still allowed, and the right code wins it.
        Assert.Equal("""{"success":true}""", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_max_attempts_wrong_tokens_even_the_right_one_is_404()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["max_attempts"] = 2 });
        var code = Assert.Single(emulator.Outbox).Code;

        using var first = await api.VerifyAsync(id, WrongCode(code));
        using var second = await api.VerifyAsync(id, WrongCode(code));
        using var third = await api.VerifyAsync(id, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task Default_max_attempts_is_three()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        var code = Assert.Single(emulator.Outbox).Code;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await api.VerifyAsync(id, WrongCode(code));
            statuses.Add(wrong.StatusCode);
        }

        using var right = await api.VerifyAsync(id, code);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.NotFound, right.StatusCode);
    }

    [Fact]
    public async Task Code_expires_when_valid_for_has_elapsed_on_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { TimeProvider = clock });
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["valid_for"] = 60 });
        var message = Assert.Single(emulator.Outbox);

        clock.Advance(TimeSpan.FromSeconds(59));
        using var stillValid = await api.VerifyAsync(id, WrongCode(message.Code));
        clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await api.VerifyAsync(id, message.Code);

        Assert.Equal(clock.Start, message.SentAt);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task Default_valid_for_is_one_hour()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions { TimeProvider = clock });
        using var api = EmulatorApi.For(emulator);
        var beforeHour = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });
        var atHour = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number });

        clock.Advance(TimeSpan.FromSeconds(3599));
        using var valid = await api.VerifyAsync(beforeHour, emulator.Outbox[0].Code);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var expired = await api.VerifyAsync(atHour, emulator.Outbox[1].Code);

        Assert.Equal("""{"success":true}""", await valid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Theory]
    [InlineData("8d0b1a56-3c55-4f0e-9a3f-2f5b8d1e7c11")]
    [InlineData("not-a-uuid")]
    public async Task Unknown_id_is_404(string id)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.VerifyAsync(id, "123456");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Alphanumeric_tokens_are_compared_case_sensitively()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync(new SignalWireMfaEmulatorOptions
        {
            TestNumbers = { [EmulatorApi.Number] = "AB12CD" },
        });
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["allow_alphas"] = true });

        using var lower = await api.VerifyAsync(id, "ab12cd");
        using var upper = await api.VerifyAsync(id, "AB12CD");

        Assert.Equal("""{"success":false}""", await lower.Content.ReadAsStringAsync());
        Assert.Equal("""{"success":true}""", await upper.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Same_right_code_verified_many_times_at_once_succeeds_exactly_once()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(new JsonObject { ["to"] = EmulatorApi.Number, ["max_attempts"] = 20 });
        var code = Assert.Single(emulator.Outbox).Code;

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await api.VerifyAsync(id, code);
            return response.StatusCode == HttpStatusCode.OK
                ? await response.Content.ReadAsStringAsync()
                : response.StatusCode.ToString();
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(attempts);

        Assert.Single(answers, answer => answer == """{"success":true}""");
        Assert.Equal(15, answers.Count(answer => answer == nameof(HttpStatusCode.NotFound)));
    }

    // A code of the same length and alphabet that is certainly different.
    private static string WrongCode(string code) => (code[0] == '0' ? "1" : "0") + code[1..];
}
