using System.Diagnostics;
using System.Net;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Identity.SignalWire.Tests.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task A_flow_is_counted_by_channel_and_outcome_with_the_region_and_nothing_personal()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.AllowedRegions.Add("US"));
        var meterFactory = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var requested = new MetricCollector<long>(meterFactory, SignalWireTelemetry.Name, SignalWireTelemetry.CodesRequestedInstrument);
        using var verified = new MetricCollector<long>(meterFactory, SignalWireTelemetry.Name, SignalWireTelemetry.CodesVerifiedInstrument);
        using var duration = new MetricCollector<double>(meterFactory, SignalWireTelemetry.Name, SignalWireTelemetry.ApiDurationInstrument);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "000000");
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "12");
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456");
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);
        host.SignalWire.AnswerNext(HttpStatusCode.ServiceUnavailable);
        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "123456"));
        host.SignalWire.AnswerNext(HttpStatusCode.TooManyRequests);
        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "123456"));
        host.SignalWire.AnswerNext(HttpStatusCode.NotFound, FakeSignalWireHandler.NotFoundBody);
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName, "123456");
        await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456"));

        Assert.Equal(
            ["call/sent/US", "sms/limited/GB", "sms/sent/US"],
            requested.GetMeasurementSnapshot().Select(m => $"{m.Tags["channel"]}/{m.Tags["outcome"]}/{m.Tags["region"]}").Order());
        Assert.Equal(
            ["call/expired/US", "call/throttled/US", "call/unavailable/US", "sms/expired/US", "sms/invalid/US", "sms/invalid/US", "sms/valid/US"],
            verified.GetMeasurementSnapshot().Select(m => $"{m.Tags["channel"]}/{m.Tags["outcome"]}/{m.Tags["region"]}").Order());
        Assert.Equal(
            ["send_call/sent", "send_sms/sent", "verify/expired", "verify/invalid", "verify/throttled", "verify/unavailable", "verify/valid"],
            duration.GetMeasurementSnapshot().Select(m => $"{m.Tags["operation"]}/{m.Tags["outcome"]}").Order());
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 10));

        var allTags = requested.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys)
            .Concat(verified.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys))
            .Concat(duration.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys)).Distinct().Order();
        Assert.Equal(["channel", "operation", "outcome", "region"], allTags);
    }

    [Fact]
    public async Task Each_call_to_SignalWire_is_a_client_span_nested_in_the_current_one()
    {
        // Tests run in parallel and the listener hears all of them: keep only the spans of this test's trace.
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SignalWireTelemetry.Name or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var testSource = new ActivitySource("test");
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();

        using (var request = testSource.StartActivity("POST /login/two-factor"))
        {
            await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
            host.SignalWire.AnswerNext(HttpStatusCode.InternalServerError);
            await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "123456"));
        }

        var parent = Assert.Single(spans, s => s.Source.Name == "test" && s.DisplayName == "POST /login/two-factor");
        var ours = spans.Where(s => s.Source.Name == SignalWireTelemetry.Name && s.TraceId == parent.TraceId).ToList();
        Assert.Equal(["SignalWire MFA send_sms", "SignalWire MFA verify"], ours.Select(s => s.DisplayName));
        Assert.All(ours, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(parent.SpanId, span.ParentSpanId);
        });
        Assert.Equal("sent", ours[0].GetTagItem("signalwire.outcome"));
        Assert.Equal("unavailable", ours[1].GetTagItem("signalwire.outcome"));
        Assert.Equal(ActivityStatusCode.Error, ours[1].Status);
    }
}
