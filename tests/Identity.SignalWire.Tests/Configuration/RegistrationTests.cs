using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Configuration;

public sealed class RegistrationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["SignalWire:SpaceName"] = "acme",
        ["SignalWire:ProjectId"] = "project-1",
        ["SignalWire:ApiToken"] = "token-1",
        ["SignalWire:TokenLength"] = "8",
        ["SignalWire:ValidFor"] = "00:05:00",
        ["SignalWire:AllowAlphas"] = "true",
        ["Other:SpaceName"] = "other",
        ["Other:ProjectId"] = "project-2",
        ["Other:ApiToken"] = "token-2",
    };

    private static ServiceProvider Build(Func<IdentityBuilder, IdentityBuilder> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        services.AddLogging();
        services.AddDistributedMemoryCache();
        register(services.AddIdentityCore<IdentityUser>());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_arguments_the_SignalWire_section_is_bound()
    {
        using var services = Build(identity => identity.AddSignalWireTokenProviders());

        var options = services.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value;

        Assert.Equal("acme", options.SpaceName);
        Assert.Equal(8, options.TokenLength);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ValidFor);
        Assert.True(options.AllowAlphas);
    }

    [Fact]
    public void A_configuration_section_is_bound()
    {
        using var services = Build(identity => identity.AddSignalWireTokenProviders(
            new ConfigurationBuilder().AddInMemoryCollection(Settings).Build().GetSection("Other")));

        var options = services.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value;

        Assert.Equal("other", options.SpaceName);
        Assert.Equal("project-2", options.ProjectId);
        Assert.Equal(6, options.TokenLength);
    }

    [Fact]
    public void A_delegate_sets_the_options()
    {
        using var services = Build(identity => identity.AddSignalWireTokenProviders(options =>
        {
            options.BaseAddress = new Uri("http://127.0.0.1:5080/api/relay/rest/");
            options.ProjectId = "p";
            options.ApiToken = "t";
            options.MaxAttempts = 5;
        }));

        var options = services.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value;

        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/relay/rest/"), options.BaseAddress);
    }

    [Fact]
    public void Both_providers_are_registered_under_their_names_and_resolve_to_their_channel()
    {
        using var services = Build(identity => identity.AddSignalWireTokenProviders());
        var identityOptions = services.GetRequiredService<IOptions<IdentityOptions>>().Value;

        var sms = identityOptions.Tokens.ProviderMap[SignalWireDefaults.SmsProviderName].ProviderType!;
        var call = identityOptions.Tokens.ProviderMap[SignalWireDefaults.CallProviderName].ProviderType!;

        Assert.Equal(SignalWireMfaChannel.Sms, ((SignalWireTokenProvider<IdentityUser>)services.GetRequiredService(sms)).Channel);
        Assert.Equal(SignalWireMfaChannel.Call, ((SignalWireTokenProvider<IdentityUser>)services.GetRequiredService(call)).Channel);
        Assert.Equal(SignalWireDefaults.SmsProviderName, identityOptions.Tokens.ChangePhoneNumberTokenProvider);
        Assert.IsType<SignalWireMfaClient>(services.GetRequiredService<ISignalWireMfaClient>());
    }

    [Fact]
    public void Each_overload_returns_the_builder_to_chain_calls()
    {
        var builder = new ServiceCollection().AddIdentityCore<IdentityUser>();

        Assert.Same(builder, builder.AddSignalWireTokenProviders());
        Assert.Same(builder, builder.AddSignalWireTokenProviders(new ConfigurationBuilder().Build()));
        Assert.Same(builder, builder.AddSignalWireTokenProviders(_ => { }));
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        var builder = new ServiceCollection().AddIdentityCore<IdentityUser>();

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => SignalWireIdentityBuilderExtensions.AddSignalWireTokenProviders(null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => builder.AddSignalWireTokenProviders((IConfiguration)null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => builder.AddSignalWireTokenProviders((Action<SignalWireMfaOptions>)null!)).ParamName);
    }
}
