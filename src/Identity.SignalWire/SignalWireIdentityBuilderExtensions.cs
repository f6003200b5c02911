using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>Registers the SignalWire SMS and voice-call token providers with Identity.</summary>
public static class SignalWireIdentityBuilderExtensions
{
    /// <summary>
    /// Adds the SignalWire token providers, with settings bound from the <c>"SignalWire"</c> configuration section.
    /// </summary>
    /// <param name="builder">The Identity builder.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static IdentityBuilder AddSignalWireTokenProviders(this IdentityBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSignalWireTokenProviders(options => options.BindConfiguration(SignalWireDefaults.ConfigurationSectionName));
    }

    /// <summary>Adds the SignalWire token providers, with settings bound from <paramref name="configuration"/>.</summary>
    /// <param name="builder">The Identity builder.</param>
    /// <param name="configuration">The configuration section that holds the settings.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static IdentityBuilder AddSignalWireTokenProviders(this IdentityBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddSignalWireTokenProviders(options => options.Bind(configuration));
    }

    /// <summary>Adds the SignalWire token providers, with settings set by <paramref name="configure"/>.</summary>
    /// <param name="builder">The Identity builder.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>The builder, to chain further calls.</returns>
    public static IdentityBuilder AddSignalWireTokenProviders(this IdentityBuilder builder, Action<SignalWireMfaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddSignalWireTokenProviders(options => options.Configure(configure));
    }

    private static IdentityBuilder AddSignalWireTokenProviders(
        this IdentityBuilder builder,
        Action<OptionsBuilder<SignalWireMfaOptions>> configureOptions)
    {
        var services = builder.Services;

        // Every problem in the settings is reported when the host starts, not at the first login.
        configureOptions(services.AddOptions<SignalWireMfaOptions>().ValidateOnStart());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalWireMfaOptions>, SignalWireMfaOptionsRanges>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalWireMfaOptions>, SignalWireMfaOptionsValidator>());

        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new SignalWireTelemetry(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<SignalWireCallOutcomes>();
        services.TryAddSingleton<KeyedHasher>();
        services.TryAddSingleton<PendingCodeStore>();
        services.TryAddSingleton<StoreFailureTranslator>();

        // The library sees the store only wrapped, so that its failures arrive as StoreUnavailable. The store itself is
        // the container's own (under a key of the library's), so that the container disposes its Redis connection.
        services.TryAddKeyedSingleton(typeof(TranslatingAtomicStore), (provider, _) => CreateAtomicStore(provider));
        services.TryAddSingleton<IAtomicStore>(provider => new TranslatingAtomicStore(
            provider.GetRequiredKeyedService<IAtomicStore>(typeof(TranslatingAtomicStore)),
            provider.GetRequiredService<StoreFailureTranslator>()));
        services.TryAddSingleton<BudgetKeys>();
        services.TryAddSingleton<DestinationPolicy>();
        services.TryAddSingleton<PumpingGuard>();
        services.TryAddSingleton<SendBudget>();
        AddPendingCodesMethod.MakeGenericMethod(builder.UserType).Invoke(null, [services]);
        AddChallengesMethod.MakeGenericMethod(builder.UserType).Invoke(null, [services]);

        // No retry handler on purpose: a retried send texts the user twice, a retried verify spends an attempt. The
        // client enforces SignalWire:Timeout itself, so HttpClient's own timeout must never cut it short.
        services.TryAddSingleton<SignalWireCircuitBreaker>();
        services.TryAddSingleton(provider => new SignalWireEndpoint(provider.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value));
        services.AddHttpClient<ISignalWireMfaClient, SignalWireMfaClient>(SignalWireDefaults.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, provider) =>
            {
                if (provider.GetRequiredService<IOptions<SignalWireMfaOptions>>().Value.CircuitBreaker.Enabled)
                {
                    handlers.Add(new CircuitBreakerHandler(provider.GetRequiredService<SignalWireCircuitBreaker>()));
                }
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SignalWireHttpClientCheck>());

        builder.AddTokenProvider(SignalWireDefaults.SmsProviderName, typeof(SignalWireSmsTokenProvider<>).MakeGenericType(builder.UserType));
        builder.AddTokenProvider(SignalWireDefaults.CallProviderName, typeof(SignalWireCallTokenProvider<>).MakeGenericType(builder.UserType));

        // Confirming a phone number sends its code through SignalWire too, to the new number.
        services.Configure<IdentityOptions>(options => options.Tokens.ChangePhoneNumberTokenProvider = SignalWireDefaults.SmsProviderName);
        return builder;
    }

    private static readonly MethodInfo AddPendingCodesMethod =
        typeof(SignalWireIdentityBuilderExtensions).GetMethod(nameof(AddPendingCodes), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo AddChallengesMethod =
        typeof(SignalWireIdentityBuilderExtensions).GetMethod(nameof(AddChallenges), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Scoped, like the UserManager they read user ids with; built here because their constructors are not public.
    private static void AddPendingCodes<TUser>(IServiceCollection services)
        where TUser : class =>
        services.TryAddScoped(provider => new SignalWirePendingCodes<TUser>(
            provider.GetRequiredService<UserManager<TUser>>(),
            provider.GetRequiredService<PendingCodeStore>(),
            provider.GetRequiredService<KeyedHasher>(),
            provider.GetRequiredService<SendBudget>(),
            provider.GetRequiredService<IOptions<SignalWireMfaOptions>>()));

    private static void AddChallenges<TUser>(IServiceCollection services)
        where TUser : class =>
        services.TryAddScoped(provider => new SignalWireChallenges<TUser>(
            provider.GetRequiredService<UserManager<TUser>>(),
            provider.GetRequiredService<KeyedHasher>(),
            provider.GetRequiredService<PumpingGuard>()));

    // Exact, atomic counting in Redis when the cache is Redis: the RedisCache itself, or — recognised by the Redis
    // settings rather than the concrete type — a decorator around it (a wrapper that logs or measures), which still
    // writes the pending codes in Redis where the scripts expect them. The in-memory cache is never taken for Redis,
    // even with Redis settings left configured. Otherwise exact within this process, best effort across instances.
    private static IAtomicStore CreateAtomicStore(IServiceProvider provider)
    {
        var cache = provider.GetRequiredService<IDistributedCache>();
        var redis = provider.GetRequiredService<IOptions<RedisCacheOptions>>();
        return cache is RedisCache || (cache is not MemoryDistributedCache && NamesARedisServer(redis.Value))
            ? new RedisAtomicStore(redis)
            : new DistributedCacheAtomicStore(cache, provider.GetRequiredService<TimeProvider>());
    }

    private static bool NamesARedisServer(RedisCacheOptions redis) =>
        !string.IsNullOrWhiteSpace(redis.Configuration) || redis.ConfigurationOptions is not null || redis.ConnectionMultiplexerFactory is not null;
}
