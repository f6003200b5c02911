using System.Collections.Concurrent;
using System.Diagnostics;
using Identity.SignalWire.IntegrationTests.Infrastructure;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>Traces as an operator's OpenTelemetry sees them: the SignalWire calls inside the ASP.NET Core request.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TelemetryTests(RedisFixture redis)
{
    [Fact]
    public async Task Each_SignalWire_call_is_a_client_span_nested_in_the_ASP_NET_Core_request_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SignalWireTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var site = await TestSite.StartAsync(redis.Server);
        using var signIn = await site.StartSignInAsync();
        using var verified = await signIn.Browser.VerifyAsync(SignalWireDefaults.SmsProviderName, signIn.Code);

        var requests = spans.Where(s => s.Source.Name == "Microsoft.AspNetCore").ToDictionary(s => s.SpanId);
        var ours = spans.Where(s => s.Source.Name == SignalWireTelemetry.Name).ToList();
        Assert.Equal(["SignalWire MFA send_sms", "SignalWire MFA verify"], ours.Select(s => s.DisplayName));
        Assert.All(ours, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.True(requests.ContainsKey(span.ParentSpanId), $"{span.DisplayName} is not a child of an ASP.NET Core request span");
        });
        Assert.Equal(["sent", "valid"], ours.Select(s => s.GetTagItem("signalwire.outcome")));
        Assert.DoesNotContain(ours.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains(signIn.PhoneNumber[1..], StringComparison.Ordinal) == true);
    }
}
