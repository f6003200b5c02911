using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Identity.SignalWire.Emulator.Tests;

public sealed class FaultTests
{
    private static readonly JsonObject SmsBody = new() { ["to"] = EmulatorApi.Number };

    [Fact]
    public async Task Status_500_answers_SignalWires_body_then_the_next_request_is_served()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.FailNext(500);

        using var failed = await api.PostAsync("mfa/sms", SmsBody);
        using var served = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("""{"error":"Internal Server Error"}""", await failed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Single(emulator.Outbox);
        Assert.Equal(0, emulator.Faults.Pending);
    }

    [Fact]
    public async Task Status_503_applies_to_the_next_count_requests_including_verify()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(SmsBody);
        emulator.Faults.FailNext(503, count: 2);

        using var first = await api.VerifyAsync(id, emulator.Outbox[0].Code);
        using var second = await api.PostAsync("mfa/call", SmsBody);
        using var third = await api.VerifyAsync(id, emulator.Outbox[0].Code);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        // The failed verify never reached the code, so no attempt was used.
        Assert.Equal("""{"success":true}""", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_429_carries_Retry_After_in_seconds()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.FailNext(429, retryAfter: TimeSpan.FromSeconds(7));
        emulator.Faults.FailNext(429);

        using var withHeader = await api.PostAsync("mfa/sms", SmsBody);
        using var withoutHeader = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.TooManyRequests, withHeader.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), withHeader.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, withoutHeader.StatusCode);
        Assert.Null(withoutHeader.Headers.RetryAfter);
    }

    [Fact]
    public async Task Delay_answers_normally_but_late()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.DelayNext(TimeSpan.FromMilliseconds(600));

        var watch = Stopwatch.StartNew();
        using var late = await api.PostAsync("mfa/sms", SmsBody);
        var lateElapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.True(lateElapsed >= TimeSpan.FromMilliseconds(550), $"answered after {lateElapsed}");
        Assert.Single(emulator.Outbox);
    }

    [Fact]
    public async Task Delay_longer_than_the_client_timeout_makes_the_client_time_out()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        api.Http.Timeout = TimeSpan.FromMilliseconds(300);
        emulator.Faults.DelayNext(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<TaskCanceledException>(() => api.PostAsync("mfa/sms", SmsBody));
    }

    [Fact]
    public async Task Dropped_connection_fails_the_request_without_an_answer()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.DropNext();

        await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("mfa/sms", SmsBody));
        using var next = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(emulator.Outbox);
    }

    [Fact]
    public async Task Unreadable_body_is_a_200_that_no_JSON_reader_accepts()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.SendUnreadableBodyNext();

        using var response = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Html_not_found_is_a_proxys_404_page_and_spends_no_attempt()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var id = await api.SendAsync(SmsBody);
        emulator.Faults.SendHtmlNotFoundNext();

        using var page = await api.VerifyAsync(id, emulator.Outbox[0].Code);
        using var verified = await api.VerifyAsync(id, emulator.Outbox[0].Code);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<html>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("""{"success":true}""", await verified.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_charset_is_a_200_that_no_client_can_decode_and_sends_nothing()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        emulator.Faults.SendUnknownCharsetNext();

        using var response = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("x-unknown-charset", response.Content.Headers.ContentType?.CharSet);
        await Assert.ThrowsAsync<InvalidOperationException>(() => response.Content.ReadAsStringAsync());
        Assert.Empty(emulator.Outbox);
    }

    [Fact]
    public async Task Faults_come_before_auth_and_spare_the_emulator_routes()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var anonymous = EmulatorApi.WithCredentials(emulator, projectId: null, apiToken: null);
        using var control = new HttpClient { BaseAddress = emulator.RootAddress };
        emulator.Faults.FailNext(503);

        using var page = await control.GetAsync(new Uri("/", UriKind.Relative));
        using var outbox = await control.GetAsync(new Uri("/emulator/outbox", UriKind.Relative));
        using var failed = await anonymous.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, outbox.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
    }

    [Fact]
    public async Task Faults_can_be_injected_and_cleared_over_HTTP()
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var control = new HttpClient { BaseAddress = emulator.RootAddress };

        using var added = await control.PostAsync(
            new Uri("/emulator/faults", UriKind.Relative),
            JsonContent("""{"kind":"status","status":429,"retry_after":3,"count":2}"""));
        using var failed = await api.PostAsync("mfa/sms", SmsBody);
        using var cleared = await control.DeleteAsync(new Uri("/emulator/faults", UriKind.Relative));
        using var served = await api.PostAsync("mfa/sms", SmsBody);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("""{"pending":2}""", await added.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failed.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"drop"}""", typeof(HttpRequestException))]
    [InlineData("""{"kind":"unreadable_body"}""", typeof(JsonException))]
    [InlineData("""{"kind":"html_not_found"}""", typeof(JsonException))]
    [InlineData("""{"kind":"unknown_charset"}""", typeof(InvalidOperationException))]
    [InlineData("""{"kind":"delay","delay_ms":5000}""", typeof(TaskCanceledException))]
    public async Task Every_fault_kind_can_be_injected_over_HTTP(string fault, Type expected)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        api.Http.Timeout = TimeSpan.FromMilliseconds(500);
        using var control = new HttpClient { BaseAddress = emulator.RootAddress };

        using var added = await control.PostAsync(new Uri("/emulator/faults", UriKind.Relative), JsonContent(fault));
        var exception = await Record.ExceptionAsync(async () =>
        {
            using var response = await api.PostAsync("mfa/sms", SmsBody);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).Dispose();
        });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.IsAssignableFrom(expected, exception);
    }

    [Theory]
    [InlineData("""{"kind":"status"}""")]
    [InlineData("""{"kind":"status","status":200}""")]
    [InlineData("""{"kind":"delay"}""")]
    [InlineData("""{"kind":"explode"}""")]
    [InlineData("""{"kind":"drop","count":0}""")]
    [InlineData("""not json""")]
    public async Task Invalid_fault_over_HTTP_gets_400_and_queues_nothing(string fault)
    {
        await using var emulator = await SignalWireMfaEmulator.StartAsync();
        using var control = new HttpClient { BaseAddress = emulator.RootAddress };

        using var response = await control.PostAsync(new Uri("/emulator/faults", UriKind.Relative), JsonContent(fault));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, emulator.Faults.Pending);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
