using System.Diagnostics;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Performance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.LoadTest;

/// <summary>
/// One instance of a site, as far as two-factor sign-in goes: Identity's <see cref="UserManager{TUser}"/> over an
/// in-memory user store, the SignalWire providers pointed at the emulator, and the distributed cache (the private
/// Redis server, or memory to tell Redis's share apart). Each call runs in a scope of its own, as each HTTP request
/// of a real site does.
/// </summary>
internal sealed class LoadTestSite : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SignalWireMfaEmulator _emulator;
    private readonly SocketsHttpHandler? _floorHandler;
    private readonly FloorClient? _floor;
    private readonly LoadTestClient _client;

    public LoadTestSite(SignalWireMfaEmulator emulator, LoadTestOptions options, string? redisConfiguration, string cacheInstanceName)
    {
        _emulator = emulator;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (redisConfiguration is null)
        {
            services.AddDistributedMemoryCache();
        }
        else
        {
            services.AddStackExchangeRedisCache(redis =>
            {
                redis.Configuration = redisConfiguration;
                redis.InstanceName = cacheInstanceName;
            });
        }

        services.AddSingleton<IUserStore<IdentityUser>>(Users);
        services.AddIdentityCore<IdentityUser>()
            .AddDefaultTokenProviders()
            .AddSignalWireTokenProviders(signalWire =>
            {
                signalWire.BaseAddress = emulator.BaseAddress;
                signalWire.ProjectId = emulator.ProjectId;
                signalWire.ApiToken = emulator.ApiToken;
                signalWire.HashKey = "load-test-hash-key-0123456789-abcdefghij";

                // The budgets keep counting (their Redis round trips are part of the load) but never refuse.
                signalWire.ResendCooldown = TimeSpan.Zero;
                signalWire.Budgets.MaxSendsPerUser = 1000;
                signalWire.Budgets.MaxSendsPerNumber = 1000;
            });

        if (options.MaxConnectionsPerServer is { } limit)
        {
            services.AddHttpClient(SignalWireDefaults.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = limit });
        }

        _services = services.BuildServiceProvider();

        _client = options.Client;
        if (options.Client == LoadTestClient.Floor)
        {
            _floorHandler = new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxConnectionsPerServer ?? int.MaxValue };
            _floor = new FloorClient(_floorHandler, emulator.BaseAddress, emulator.ProjectId, emulator.ApiToken);
        }
    }

    public InMemoryUserStore Users { get; } = new();

    /// <summary>Sends a code, reads it from the emulator's phone, and checks it: one user's second factor.</summary>
    public Task<SignInTiming> SignInAsync(IdentityUser user) => _client switch
    {
        LoadTestClient.Floor => SignInThroughFloorAsync(_floor!, user),
        LoadTestClient.Identity => SignInThroughIdentityAsync(user),
        _ => SignInThroughLibraryAsync(user),
    };

    private async Task<SignInTiming> SignInThroughLibraryAsync(IdentityUser user)
    {
        var started = Stopwatch.GetTimestamp();
        await InRequestAsync(users => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        var sent = Stopwatch.GetTimestamp();
        var code = await _emulator.Outbox.NextCodeAsync(user.PhoneNumber!, TimeSpan.FromSeconds(30));
        var typed = Stopwatch.GetTimestamp();

        var valid = await InRequestAsync(users => users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code));

        var verified = Stopwatch.GetTimestamp();
        if (!valid)
        {
            throw new InvalidOperationException("The right code was refused.");
        }

        return new SignInTiming(
            Milliseconds(started, verified),
            Milliseconds(started, sent),
            Milliseconds(typed, verified));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _floorHandler?.Dispose();
    }

    // The same two requests with Identity's built-in Phone provider, which makes and checks a TOTP code in-process:
    // what Identity itself (a request scope and a UserManager for each call, the user store, the security stamp) costs
    // a sign-in, apart from SignalWire, HTTP and the cache.
    private async Task<SignInTiming> SignInThroughIdentityAsync(IdentityUser user)
    {
        var started = Stopwatch.GetTimestamp();
        var code = await InRequestAsync(users => users.GenerateTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider));
        var sent = Stopwatch.GetTimestamp();
        var valid = await InRequestAsync(users => users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultPhoneProvider, code));

        var verified = Stopwatch.GetTimestamp();
        if (!valid)
        {
            throw new InvalidOperationException("The right code was refused.");
        }

        return new SignInTiming(Milliseconds(started, verified), Milliseconds(started, sent), Milliseconds(sent, verified));
    }

    // The same exchange with nothing of the library: what the emulator, HTTP and this machine cost on their own.
    private async Task<SignInTiming> SignInThroughFloorAsync(FloorClient floor, IdentityUser user)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = await floor.SendAsync(user.PhoneNumber!);
        var sent = Stopwatch.GetTimestamp();
        var code = await _emulator.Outbox.NextCodeAsync(user.PhoneNumber!, TimeSpan.FromSeconds(30));
        var typed = Stopwatch.GetTimestamp();
        var valid = await floor.VerifyAsync(requestId, code);
        var verified = Stopwatch.GetTimestamp();
        if (!valid)
        {
            throw new InvalidOperationException("The right code was refused.");
        }

        return new SignInTiming(Milliseconds(started, verified), Milliseconds(started, sent), Milliseconds(typed, verified));
    }

    // One call in a scope of its own, with the UserManager of that scope, as one HTTP request of a real site has.
    private async Task<T> InRequestAsync<T>(Func<UserManager<IdentityUser>, Task<T>> call)
    {
        await using var request = _services.CreateAsyncScope();
        return await call(request.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}

/// <summary>How long one sign-in took: send + verify (and reading the code between them), and each call.</summary>
internal readonly record struct SignInTiming(double TotalMs, double SendMs, double VerifyMs);
