// A code round trip, as a user of the packages writes it: register the providers, send a code through the
// emulator, sign in with it; a wrong code is false; a 500 from the server is an exception.
using System.Collections.Concurrent;
using Identity.SignalWire;
using Identity.SignalWire.Emulator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

await using var emulator = await SignalWireMfaEmulator.StartAsync();

var services = new ServiceCollection();
services.AddLogging();
services.AddDistributedMemoryCache();
services.AddIdentityCore<IdentityUser>()
    .AddUserStore<MemoryUserStore>()
    .AddSignalWireTokenProviders(options =>
    {
        options.BaseAddress = emulator.BaseAddress;
        options.ProjectId = emulator.ProjectId;
        options.ApiToken = emulator.ApiToken;
    });
await using var provider = services.BuildServiceProvider();
using var scope = provider.CreateScope();
var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

var user = new IdentityUser("ada@example.com") { PhoneNumber = "+12015550123", PhoneNumberConfirmed = true, TwoFactorEnabled = true };
Check((await users.CreateAsync(user)).Succeeded, "user created");

Check(await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName) == string.Empty, "code sent, nothing returned");
var code = await emulator.Outbox.NextCodeAsync("+12015550123", TimeSpan.FromSeconds(10));
Check(!await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code == "000000" ? "111111" : "000000"), "wrong code is false");
Check(await users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, code), "right code is true");

try
{
    await users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);
    Check(false, "a resend within the cooldown is refused");
}
catch (SignalWireSendLimitException exception) when (exception.Limit == SignalWireSendLimit.ResendCooldown)
{
    Console.WriteLine("ok: a resend within the cooldown is refused");
}

emulator.Faults.FailNext(500);
try
{
    await users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");
    Check(false, "a 500 is an exception");
}
catch (SignalWireMfaException exception) when (exception.Kind == SignalWireMfaErrorKind.ServiceUnavailable)
{
    Console.WriteLine("ok: a 500 is an exception");
}

Console.WriteLine("ROUND TRIP OK");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.WriteLine("FAILED: " + what);
        Environment.Exit(1);
    }

    Console.WriteLine("ok: " + what);
}

internal sealed class MemoryUserStore :
    IUserPhoneNumberStore<IdentityUser>, IUserSecurityStampStore<IdentityUser>, IUserTwoFactorStore<IdentityUser>
{
    private readonly ConcurrentDictionary<string, IdentityUser> _users = new();

    public Task<IdentityResult> CreateAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        _users[user.Id] = user;
        return Task.FromResult(IdentityResult.Success);
    }

    public Task<IdentityResult> UpdateAsync(IdentityUser user, CancellationToken cancellationToken) => CreateAsync(user, cancellationToken);

    public Task<IdentityResult> DeleteAsync(IdentityUser user, CancellationToken cancellationToken)
    {
        _users.TryRemove(user.Id, out _);
        return Task.FromResult(IdentityResult.Success);
    }

    public Task<IdentityUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_users.GetValueOrDefault(userId));

    public Task<IdentityUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => u.NormalizedUserName == normalizedUserName));

    public Task<string> GetUserIdAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.UserName);

    public Task SetUserNameAsync(IdentityUser user, string? userName, CancellationToken cancellationToken) => Set(() => user.UserName = userName);

    public Task<string?> GetNormalizedUserNameAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(IdentityUser user, string? normalizedName, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedUserName = normalizedName);

    public Task SetPhoneNumberAsync(IdentityUser user, string? phoneNumber, CancellationToken cancellationToken) => Set(() => user.PhoneNumber = phoneNumber);

    public Task<string?> GetPhoneNumberAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.PhoneNumber);

    public Task<bool> GetPhoneNumberConfirmedAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.PhoneNumberConfirmed);

    public Task SetPhoneNumberConfirmedAsync(IdentityUser user, bool confirmed, CancellationToken cancellationToken) =>
        Set(() => user.PhoneNumberConfirmed = confirmed);

    public Task SetSecurityStampAsync(IdentityUser user, string stamp, CancellationToken cancellationToken) => Set(() => user.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public Task SetTwoFactorEnabledAsync(IdentityUser user, bool enabled, CancellationToken cancellationToken) => Set(() => user.TwoFactorEnabled = enabled);

    public Task<bool> GetTwoFactorEnabledAsync(IdentityUser user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public void Dispose()
    {
    }

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }
}
