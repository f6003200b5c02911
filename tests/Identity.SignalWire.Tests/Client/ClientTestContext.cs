using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identity.SignalWire.Tests.Client;

/// <summary>The MFA client as the registration builds it — through IHttpClientFactory — over a fake handler.</summary>
internal sealed class ClientTestContext : IDisposable
{
    private readonly ServiceProvider _services;

    public ClientTestContext(Action<SignalWireMfaOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging();
        services.AddDistributedMemoryCache();
        services.AddIdentityCore<Microsoft.AspNetCore.Identity.IdentityUser>().AddSignalWireTokenProviders(options =>
        {
            options.SpaceName = "example";
            options.ProjectId = IdentityTestHost.ProjectId;
            options.ApiToken = IdentityTestHost.ApiToken;
            configure?.Invoke(options);
        });
        services.AddHttpClient(SignalWireDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Handler);
        configureServices?.Invoke(services);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<ISignalWireMfaClient>();
    }

    public FakeSignalWireHandler Handler { get; } = new();

    public ISignalWireMfaClient Client { get; }

    public IServiceProvider Services => _services;

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    public void Dispose() => _services.Dispose();
}
