using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.StepUp;

public sealed class StepUpRegistrationTests
{
    [Fact]
    public void Step_up_without_the_token_providers_says_what_to_call_first()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddIdentityCore<IdentityUser>().AddSignalWireStepUp());

        Assert.Contains("AddSignalWireTokenProviders()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_requires_a_signed_in_user_and_step_up()
    {
        await using var services = Build(identity => identity.AddSignalWireStepUp());

        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(SignalWireDefaults.StepUpPolicy);

        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, requirement => requirement is SignalWireStepUpRequirement);
        Assert.Contains(policy.Requirements, requirement => requirement is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
        Assert.Single(new RequireStepUpAttribute().GetRequirements().OfType<SignalWireStepUpRequirement>());
    }

    [Fact]
    public async Task Called_twice_the_result_handler_is_wrapped_once_and_the_application_s_own_is_kept()
    {
        var own = new RecordingResultHandler();
        var services = new ServiceCollection();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(own);
        var identity = Register(services);
        identity.AddSignalWireStepUp();
        identity.AddSignalWireStepUp(options => options.FreshFor = TimeSpan.FromMinutes(2));
        using var provider = services.BuildServiceProvider();

        var handlers = provider.GetServices<IAuthorizationMiddlewareResultHandler>().ToList();
        var options = provider.GetRequiredService<IOptions<SignalWireStepUpOptions>>().Value;

        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var policy = new AuthorizationPolicyBuilder().RequireRole("admin").Build();
        await handlers[0].HandleAsync(_ => Task.CompletedTask, context, policy, PolicyAuthorizationResult.Forbid());

        Assert.Single(handlers);
        Assert.IsType<StepUpAuthorizationResultHandler>(handlers[0]);
        Assert.Equal(1, own.Calls);
        Assert.Equal(TimeSpan.FromMinutes(2), options.FreshFor);
        Assert.Equal(1, services.Count(service => service.ServiceType == typeof(SignalWireStepUp<IdentityUser>)));
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("02:00:00")]
    public async Task A_proof_lifetime_out_of_range_stops_the_start(string freshFor)
    {
        await using var services = Build(identity => identity.AddSignalWireStepUp(options =>
            options.FreshFor = TimeSpan.Parse(freshFor, System.Globalization.CultureInfo.InvariantCulture)));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SignalWireStepUpOptions>>().Value);

        Assert.Contains("SignalWire:StepUp:FreshFor must be between 00:00:10 and 01:00:00.", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Func<IdentityBuilder, IdentityBuilder> register)
    {
        var services = new ServiceCollection();
        register(Register(services));
        return services.BuildServiceProvider();
    }

    private static IdentityBuilder Register(IServiceCollection services)
    {
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddDistributedMemoryCache();
        return services.AddIdentityCore<IdentityUser>().AddSignalWireTokenProviders(options =>
        {
            options.SpaceName = "acme";
            options.ProjectId = "project-1";
            options.ApiToken = "token-1";
        });
    }

    private sealed class RecordingResultHandler : IAuthorizationMiddlewareResultHandler
    {
        public int Calls { get; private set; }

        public Task HandleAsync(Microsoft.AspNetCore.Http.RequestDelegate next, Microsoft.AspNetCore.Http.HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
