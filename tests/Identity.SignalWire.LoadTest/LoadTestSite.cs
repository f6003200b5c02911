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
                signalWire.MaxSendsPerUser = 1000;
                signalWire.MaxSendsPerNumber = 1000;
            });

        if (options.MaxConnectionsPerServer is { } limit)
        {
            services.AddHttpClient(SignalWireDefaults.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = limit });
        }

        _services = services.BuildServiceProvider();

        if (options.UseFloorClient)
        {
            _floorHandler = new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxConnectionsPerServer ?? int.MaxValue };
            _floor = new FloorClient(_floorHandler, emulator.BaseAddress, emulator.ProjectId, emulator.ApiToken);
        }
    }

    public InMemoryUserStore Users { get; } = new();

    /// <summary>Sends a code, reads it from the emulator's phone, and checks it: one user's second factor.</summary>
    public Task<SignInTiming> SignInAsync(IdentityUser user) => _floor is null ? SignInThroughLibraryAsync(user) : SignInThroughFloorAsync(_floor, user);

    private async Task<SignInTiming> SignInThroughLibraryAsync(IdentityUser user)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var request = _services.CreateAsyncScope())
        {
            var users = request.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        }

        var sent = Stopwatch.GetTimestamp();
        var code = await _emulator.Outbox.NextCodeAsync(user.PhoneNumber!, TimeSpan.FromSeconds(30));
        var typed = Stopwatch.GetTimestamp();

        bool valid;
        await using (var request = _services.CreateAsyncScope())
        {
            var users = request.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            valid = await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code);
        }

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

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}

/// <summary>How long one sign-in took: send + verify (and reading the code between them), and each call.</summary>
internal readonly record struct SignInTiming(double TotalMs, double SendMs, double VerifyMs);
