using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Configuration;

/// <summary>
/// A cache that keeps codes in one process's memory outside Development stops start-up (issue 23, item 3): a second
/// instance would check none of the codes and count none of the sends, and Razor Pages registers such a cache silently.
/// </summary>
public sealed class InMemoryCacheStartupTests
{
    private static string Problem(string environment) =>
        "The IDistributedCache keeps codes in this process's memory (MemoryDistributedCache, registered by AddDistributedMemoryCache() or, "
        + $"silently, by Razor Pages and MVC), and the environment is '{environment}': a second instance would "
        + "neither check the codes this one sent nor count its sends. Register a shared cache, such as "
        + "services.AddStackExchangeRedisCache(...), or, if one instance alone serves the site, set "
        + "SignalWire:SingleInstance to true.";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task An_in_memory_cache_outside_Development_stops_start_up_naming_the_fix(string environment)
    {
        using var host = Build(environment, services => services.AddDistributedMemoryCache());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal([Problem(environment)], error.Failures);
    }

    [Theory]
    [InlineData("AddRazorPages")]
    [InlineData("AddControllersWithViews")]
    [InlineData("AddMvc")]
    public async Task The_cache_Razor_Pages_and_MVC_register_on_their_own_stop_start_up_too(string framework)
    {
        using var host = Build("Production", services => _ = framework switch
        {
            "AddRazorPages" => services.AddRazorPages(),
            "AddControllersWithViews" => services.AddControllersWithViews(),
            _ => (object)services.AddMvc(),
        });
        Assert.IsType<MemoryDistributedCache>(host.Services.GetRequiredService<IDistributedCache>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal([Problem("Production")], error.Failures);
    }

    [Fact]
    public async Task SingleInstance_says_one_instance_is_meant_and_the_site_starts()
    {
        using var host = Build("Production", services => services.AddDistributedMemoryCache(), options => options.SingleInstance = true);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task In_Development_an_in_memory_cache_starts()
    {
        using var host = Build(Environments.Development, services => services.AddDistributedMemoryCache());

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public async Task A_Redis_cache_outside_Development_starts_without_reaching_Redis()
    {
        // Nothing listens on port 1: start-up must neither need Redis nor complain about the cache.
        using var host = Build("Production", services => services.AddStackExchangeRedisCache(redis => redis.Configuration = "127.0.0.1:1"));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Problems_are_listed_together_with_the_other_settings()
    {
        using var host = Build("Production", services => services.AddDistributedMemoryCache(), options => options.ProjectId = null);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value);

        Assert.Contains(error.Failures, failure => failure.StartsWith("SignalWire:ProjectId is missing", StringComparison.Ordinal));
        Assert.Contains(Problem("Production"), error.Failures);
    }

    private static IHost Build(string environment, Action<IServiceCollection> cache, Action<SignalWireMfaOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        cache(builder.Services);
        builder.Services.AddIdentityCore<IdentityUser>().AddSignalWireTokenProviders(options =>
        {
            options.SpaceName = "example";
            options.ProjectId = "project";
            options.ApiToken = "PTsecret";
            configure?.Invoke(options);
        });
        return builder.Build();
    }
}
