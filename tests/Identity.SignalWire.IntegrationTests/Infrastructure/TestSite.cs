using Identity.SignalWire.Emulator;
using Microsoft.Extensions.DependencyInjection;

using Identity.SignalWire.Testing;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// Everything one test needs: a SignalWire emulator of its own, a site store (database, keys, Redis prefix) and a
/// first application instance. More instances of the same site can be started with <see cref="StartInstanceAsync"/>.
/// </summary>
internal sealed class TestSite : IAsyncDisposable
{
    private readonly RedisDeployment _redis;
    private readonly Action<SignalWireMfaOptions>? _configure;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly List<TestApp> _instances = [];
    private int _nextNumber;

    private TestSite(
        SignalWireMfaEmulator emulator,
        RedisDeployment redis,
        Action<SignalWireMfaOptions>? configure,
        Action<IServiceCollection>? configureServices)
    {
        Emulator = emulator;
        _redis = redis;
        _configure = configure;
        _configureServices = configureServices;
    }

    public SignalWireMfaEmulator Emulator { get; }

    public TestSiteStore Store { get; } = new();

    /// <summary>Gets the first instance.</summary>
    public TestApp App => _instances[0];

    /// <summary>Gets the Redis key pattern of the pending codes this site keeps: hashes of the library's own (docs/storage.md).</summary>
    public string PendingCodeKeys => Store.CacheInstanceName + "{" + SignalWireDefaults.CacheKeyPrefix + "code:*";

    public static async Task<TestSite> StartAsync(
        RedisDeployment redis,
        Action<SignalWireMfaOptions>? configure = null,
        SignalWireMfaEmulatorOptions? emulatorOptions = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var emulator = await SignalWireMfaEmulator.StartAsync(emulatorOptions);
        var site = new TestSite(emulator, redis, configure, configureServices);
        try
        {
            await site.StartInstanceAsync();
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts another instance of this site: same database, keys, Redis server and prefix, same SignalWire.</summary>
    public async Task<TestApp> StartInstanceAsync()
    {
        var app = await TestApp.StartAsync(Emulator, _redis, Store, _configure, _configureServices);
        _instances.Add(app);
        return app;
    }

    /// <summary>A new valid E.164 number (+1 201 2xx xxxx, New Jersey), different for each call within this site.</summary>
    public string NewPhoneNumber() => "+1201" + (2_000_000 + Interlocked.Increment(ref _nextNumber)).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates a user with a new confirmed number; returns the e-mail (user name) and the number.</summary>
    public async Task<(string Email, string PhoneNumber)> CreateUserAsync()
    {
        var number = NewPhoneNumber();
        var email = $"user{number[1..]}@example.com";
        await App.CreateUserAsync(email, number);
        return (email, number);
    }

    /// <summary>
    /// Where most tests begin: a new user logged in with the password in a new browser, a code sent through
    /// <paramref name="provider"/>, and the code the phone received.
    /// </summary>
    public async Task<SignInAtCodeStep> StartSignInAsync(string provider = SignalWireDefaults.SmsProviderName)
    {
        var (email, number) = await CreateUserAsync();
        var browser = App.NewBrowser();
        try
        {
            await browser.LoginExpectingCodeAsync(email);
            await browser.SendCodeExpectingSuccessAsync(provider);
            return new SignInAtCodeStep(email, number, browser, await NextCodeAsync(number));
        }
        catch
        {
            browser.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the next code the emulator sent to <paramref name="phoneNumber"/>.</summary>
    public Task<string> NextCodeAsync(string phoneNumber) => Emulator.Outbox.NextCodeAsync(phoneNumber, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Store.Dispose();
    }
}

/// <summary>A sign-in stopped at the code step: who, which number, the browser holding the 2FA cookie, the code.</summary>
internal sealed record SignInAtCodeStep(string Email, string PhoneNumber, Browser Browser, string Code) : IDisposable
{
    public void Dispose() => Browser.Dispose();
}
