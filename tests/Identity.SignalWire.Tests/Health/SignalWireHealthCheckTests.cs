using System.Net;
using Identity.SignalWire.Tests.Client;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identity.SignalWire.Tests.Health;

public sealed class SignalWireHealthCheckTests
{
    private readonly RecordingDistributedCache _cache = new();

    [Fact]
    public async Task Healthy_before_any_call_and_while_SignalWire_answers()
    {
        using var context = Context();
        var before = await CheckAsync(context);
        await context.Client.VerifyAsync("req-1", "123456");
        var after = await CheckAsync(context);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(1L, after.Data["calls"]);
        Assert.Equal("answers", after.Data["cache"]);
    }

    [Fact]
    public async Task Degraded_after_three_unavailable_answers_in_a_row_and_healthy_again_after_an_answer()
    {
        using var context = Context();
        for (var i = 0; i < SignalWireHealthCheck.DegradedAfter; i++)
        {
            context.Handler.AnswerNext(HttpStatusCode.ServiceUnavailable, "{}");
        }

        var statuses = new List<HealthStatus>();
        for (var i = 0; i < SignalWireHealthCheck.DegradedAfter; i++)
        {
            await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
            statuses.Add((await CheckAsync(context)).Status);
        }

        await context.Client.VerifyAsync("req-1", "123456");
        var recovered = await CheckAsync(context);

        Assert.Equal([HealthStatus.Healthy, HealthStatus.Healthy, HealthStatus.Degraded], statuses);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Unhealthy_once_SignalWire_refused_the_credentials_and_says_so_without_them(HttpStatusCode status)
    {
        using var context = Context();
        context.Handler.AnswerNext(status, """{"errors":[{"code":"unauthorized","message":"Unauthorized"}]}""");
        context.Handler.AnswerNext(HttpStatusCode.ServiceUnavailable, "{}");

        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));
        var result = await CheckAsync(context);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("refused the credentials", result.Description, StringComparison.Ordinal);
        Assert.Equal(true, result.Data["credentials_refused"]);
        var text = result.Description + string.Join(";", result.Data.Select(entry => $"{entry.Key}={entry.Value}"));
        Assert.DoesNotContain(IdentityTestHost.ApiToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityTestHost.ProjectId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_when_the_cache_does_not_answer_and_the_check_reads_it()
    {
        using var context = Context();
        var answering = await CheckAsync(context);
        _cache.ThrowOnAccess = true;
        var failing = await CheckAsync(context);

        Assert.Equal(HealthStatus.Healthy, answering.Status);
        Assert.Equal(HealthStatus.Unhealthy, failing.Status);
        Assert.Equal("does not answer", failing.Data["cache"]);
        Assert.Null(failing.Exception);
    }

    [Fact]
    public async Task The_check_calls_no_one()
    {
        using var context = Context();

        for (var i = 0; i < 5; i++)
        {
            await CheckAsync(context);
        }

        Assert.Empty(context.Handler.Requests);
    }

    [Fact]
    public void Without_the_token_providers_the_check_says_what_is_missing()
    {
        var services = new ServiceCollection();
        services.AddDistributedMemoryCache();
        services.AddHealthChecks().AddSignalWire();
        using var provider = services.BuildServiceProvider();
        var registration = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single();

        Assert.Equal(SignalWireDefaults.HealthCheckName, registration.Name);
        var error = Assert.Throws<InvalidOperationException>(() => registration.Factory(provider));
        Assert.Contains("AddSignalWireTokenProviders", error.Message, StringComparison.Ordinal);
    }

    private ClientTestContext Context() => new(configureServices: services =>
    {
        services.AddSingleton<IDistributedCache>(_cache);
        services.AddHealthChecks().AddSignalWire();
    });

    private static async Task<HealthReportEntry> CheckAsync(ClientTestContext context)
    {
        var report = await context.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[SignalWireDefaults.HealthCheckName];
    }
}
