using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>Registers step-up: the re-check of the second factor before a sensitive action.</summary>
public static class SignalWireStepUpIdentityBuilderExtensions
{
    /// <summary>The configuration section <see cref="AddSignalWireStepUp(IdentityBuilder)"/> binds: <c>"SignalWire:StepUp"</c>.</summary>
    private const string ConfigurationSectionName = SignalWireDefaults.ConfigurationSectionName + ":StepUp";

    /// <summary>
    /// Adds <see cref="SignalWireStepUp{TUser}"/>, the authorization policy <see cref="SignalWireDefaults.StepUpPolicy"/>
    /// and what makes <see cref="RequireStepUpAttribute"/> work on pages, handlers, actions and components, with settings
    /// bound from the <c>"SignalWire:StepUp"</c> configuration section. Call it after <c>AddSignalWireTokenProviders()</c>.
    /// </summary>
    /// <param name="builder">The Identity builder.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static IdentityBuilder AddSignalWireStepUp(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSignalWireStepUp(options => options.BindConfiguration(ConfigurationSectionName));
    }

    /// <summary>
    /// Adds step-up as <see cref="AddSignalWireStepUp(IdentityBuilder)"/> does, with settings set by
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The Identity builder.</param>
    /// <param name="configure">Sets the settings, such as <see cref="SignalWireStepUpOptions.StepUpPath"/>.</param>
    /// <returns>The builder, to chain further calls.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSignalWireTokenProviders()</c> was not called first.</exception>
    public static IdentityBuilder AddSignalWireStepUp(this IdentityBuilder builder, Action<SignalWireStepUpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddSignalWireStepUp(options => options.Configure(configure));
    }

    private static IdentityBuilder AddSignalWireStepUp(this IdentityBuilder builder, Action<OptionsBuilder<SignalWireStepUpOptions>> configureOptions)
    {
        var services = builder.Services;
        var pendingCodesType = typeof(SignalWirePendingCodes<>).MakeGenericType(builder.UserType);
        if (!services.Any(service => service.ServiceType == pendingCodesType))
        {
            throw new InvalidOperationException(
                "Step-up sends its codes with the SignalWire token providers: call AddSignalWireTokenProviders() before AddSignalWireStepUp().");
        }

        // A second call may add settings; the services and the checks are added once.
        var options = services.AddOptions<SignalWireStepUpOptions>();
        configureOptions(options);
        if (services.Any(service => service.ServiceType == typeof(StepUpRegistered)))
        {
            return builder;
        }

        services.AddSingleton(new StepUpRegistered());
        options.Validate(
                stepUp => stepUp.FreshFor >= TimeSpan.FromSeconds(10) && stepUp.FreshFor <= TimeSpan.FromHours(1),
                "SignalWire:StepUp:FreshFor must be between 00:00:10 and 01:00:00.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        AddStepUpMethod.MakeGenericMethod(builder.UserType).Invoke(null, [services]);

        services.AddAuthorization(authorization => authorization.AddPolicy(
            SignalWireDefaults.StepUpPolicy,
            policy => policy.RequireAuthenticatedUser().AddRequirements(new SignalWireStepUpRequirement())));
        DecorateResultHandler(services);

        // Razor Pages read no authorization attribute on a handler method; this filter reads ours.
        services.Configure<MvcOptions>(options => options.Filters.Add<StepUpPageHandlerFilter>());
        return builder;
    }

    private static readonly System.Reflection.MethodInfo AddStepUpMethod =
        typeof(SignalWireStepUpIdentityBuilderExtensions).GetMethod(nameof(AddStepUp), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    // Scoped, like the UserManager and SignInManager it works with; built here because its constructor is not public.
    private static void AddStepUp<TUser>(IServiceCollection services)
        where TUser : class
    {
        services.TryAddScoped(provider => new SignalWireStepUp<TUser>(
            provider.GetRequiredService<UserManager<TUser>>(),
            provider.GetRequiredService<SignInManager<TUser>>(),
            provider.GetRequiredService<SignalWirePendingCodes<TUser>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<SignalWireStepUpOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, StepUpAuthorizationHandler<TUser>>());
    }

    // The application's own result handler (or ASP.NET Core's) keeps answering everything but a missing step-up.
    private static void DecorateResultHandler(IServiceCollection services)
    {
        var inner = services.LastOrDefault(service => service.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        if (inner is not null)
        {
            services.Remove(inner);
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(provider => new StepUpAuthorizationResultHandler(inner switch
        {
            { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
            { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(provider),
            { ImplementationType: { } type } => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(provider, type),
            _ => new AuthorizationMiddlewareResultHandler(),
        }));
    }

    // Marks the services as added, so that a second call does not wrap the result handler twice.
    private sealed class StepUpRegistered;
}
