using System.Diagnostics.Metrics;
using System.Net;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Identity.SignalWire.Tests.Storage;

/// <summary>
/// The distributed cache fails while a code is sent or checked: the application gets one exception for "not now",
/// <see cref="SignalWireMfaErrorKind.StoreUnavailable"/>, with the cache's exception inside; nothing is sent that the
/// budgets did not allow, and nothing counts toward lockout.
/// </summary>
public sealed class StoreUnavailableTests
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task Sending_with_the_cache_down_throws_StoreUnavailable_and_sends_nothing()
    {
        await using var host = await IdentityTestHost.StartAsync();
        using var requested = Collect(host, SignalWireTelemetry.CodesRequestedInstrument);
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        host.Cache.ThrowOnAccess = true;

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, Sms));

        AssertStoreUnavailable(error);
        Assert.Contains("send", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5550123", error.Message, StringComparison.Ordinal);
        // The budgets are charged before the send and could not be: SignalWire was asked only for the first code.
        Assert.Equal(1, host.SignalWire.SendCount);
        Assert.Equal(
            ["sms/sent/US", "sms/store_unavailable/US"],
            requested.GetMeasurementSnapshot().Select(m => $"{m.Tags["channel"]}/{m.Tags["outcome"]}/{m.Tags["region"]}").Order());
    }

    [Fact]
    public async Task Sending_before_the_shared_hashing_key_could_be_read_throws_StoreUnavailable_and_sends_nothing()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        host.Cache.ThrowOnAccess = true;

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, Sms));

        AssertStoreUnavailable(error);
        Assert.Contains("hashing key", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task Checking_with_the_cache_down_throws_StoreUnavailable_never_counts_toward_lockout_and_the_code_works_once_it_is_back()
    {
        await using var host = await IdentityTestHost.StartAsync();
        using var verified = Collect(host, SignalWireTelemetry.CodesVerifiedInstrument);
        var user = await host.CreateUserAsync(withPassword: true);
        Assert.True((await host.SignIn.PasswordSignInAsync(user.UserName!, IdentityTestHost.Password, false, lockoutOnFailure: true)).RequiresTwoFactor);
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        host.Cache.ThrowOnAccess = true;

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.SignIn.TwoFactorSignInAsync(Sms, "123456", isPersistent: false, rememberClient: false));

        AssertStoreUnavailable(error);
        Assert.Contains("pending code", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.SignalWire.VerifyCount);
        Assert.Equal(0, await host.Users.GetAccessFailedCountAsync(user));
        Assert.False(host.Authentication.IsSignedIn(IdentityConstants.ApplicationScheme));

        host.Cache.ThrowOnAccess = false;
        var result = await host.SignIn.TwoFactorSignInAsync(Sms, "123456", isPersistent: false, rememberClient: false);

        Assert.True(result.Succeeded);
        Assert.Equal(["sms/store_unavailable", "sms/valid"], verified.GetMeasurementSnapshot().Select(m => $"{m.Tags["channel"]}/{m.Tags["outcome"]}"));
    }

    [Fact]
    public async Task The_cache_failing_after_SignalWire_found_the_code_right_is_StoreUnavailable_never_a_sign_in()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(withPassword: true);
        await host.SignIn.PasswordSignInAsync(user.UserName!, IdentityTestHost.Password, false, lockoutOnFailure: true);
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        host.SignalWire.Overrides.Enqueue((_, _) =>
        {
            // The cache goes down while SignalWire checks the code: the used code cannot be removed.
            host.Cache.ThrowOnAccess = true;
            return Task.FromResult(FakeSignalWireHandler.Json(HttpStatusCode.OK, """{"success":true}"""));
        });

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.SignIn.TwoFactorSignInAsync(Sms, "123456", isPersistent: false, rememberClient: false));

        AssertStoreUnavailable(error);
        Assert.Equal(1, host.SignalWire.VerifyCount);
        Assert.Equal(0, await host.Users.GetAccessFailedCountAsync(user));
        Assert.False(host.Authentication.IsSignedIn(IdentityConstants.ApplicationScheme));
    }

    [Fact]
    public async Task Reading_or_cancelling_a_pending_code_with_the_cache_down_throws_StoreUnavailable()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var user = await host.CreateUserAsync();
        await host.Users.GenerateTwoFactorTokenAsync(user, Sms);
        host.Cache.ThrowOnAccess = true;

        AssertStoreUnavailable(await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose)));
        AssertStoreUnavailable(await Assert.ThrowsAsync<SignalWireMfaException>(
            () => host.PendingCodes.CancelAsync(user, SignalWireDefaults.TwoFactorPurpose)));

        host.Cache.ThrowOnAccess = false;
        Assert.NotNull(await host.PendingCodes.FindAsync(user, SignalWireDefaults.TwoFactorPurpose));
    }

    [Fact]
    public async Task A_failure_of_the_user_store_is_not_taken_for_the_cache()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var users = new Mock<IUserStore<IdentityUser>>();
        users.Setup(store => store.GetUserIdAsync(It.IsAny<IdentityUser>(), It.IsAny<CancellationToken>())).ReturnsAsync("user-1");
        var phones = users.As<IUserPhoneNumberStore<IdentityUser>>();
        phones.Setup(store => store.GetPhoneNumberAsync(It.IsAny<IdentityUser>(), It.IsAny<CancellationToken>())).ReturnsAsync("+12015550123");
        phones.Setup(store => store.GetPhoneNumberConfirmedAsync(It.IsAny<IdentityUser>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        // The database fails after SignalWire sent the code, where the provider reads the security stamp.
        users.As<IUserSecurityStampStore<IdentityUser>>()
            .Setup(store => store.GetSecurityStampAsync(It.IsAny<IdentityUser>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("The database is down (test)."));
        using var manager = new UserManager<IdentityUser>(
            users.Object, Options.Create(new IdentityOptions()), null!, [], [], null!, null!, host.Services, NullLogger<UserManager<IdentityUser>>.Instance);
        var provider = host.Services.GetRequiredService<SignalWireSmsTokenProvider<IdentityUser>>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provider.GenerateAsync(SignalWireDefaults.TwoFactorPurpose, manager, new IdentityUser("ada")));

        Assert.Equal("The database is down (test).", error.Message);
        Assert.Equal(1, host.SignalWire.SendCount);
    }

    [Fact]
    public async Task Every_operation_of_the_store_translates_a_failure_even_one_thrown_before_a_task()
    {
        var failure = new InvalidOperationException("down (test)");
        var inner = new Mock<IAtomicStore>(MockBehavior.Strict);
        inner.Setup(s => s.ChargeAsync(It.IsAny<SendCharge>())).Throws(failure);
        inner.Setup(s => s.EndCooldownAsync(It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.CooldownLeftAsync(It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.StorePendingCodeAsync(It.IsAny<string>(), It.IsAny<PendingCode>(), It.IsAny<TimeSpan>())).ThrowsAsync(failure);
        inner.Setup(s => s.ReadPendingCodeAsync(It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.RemovePendingCodeAsync(It.IsAny<string>(), It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.ReserveAttemptAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>())).ThrowsAsync(failure);
        inner.Setup(s => s.ReturnAttemptAsync(It.IsAny<string>(), It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.MarkUsedUpAsync(It.IsAny<string>(), It.IsAny<string>())).ThrowsAsync(failure);
        inner.Setup(s => s.CountVerifiedAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<TimeSpan>())).ThrowsAsync(failure);
        inner.Setup(s => s.SetClearanceAsync(It.IsAny<string>(), It.IsAny<TimeSpan>())).ThrowsAsync(failure);
        inner.Setup(s => s.GetOrAddAsync(It.IsAny<string>(), It.IsAny<byte[]>())).ThrowsAsync(failure);
        var store = Translating(inner.Object);

        Task[] calls =
        [
            store.ChargeAsync(new SendCharge(null, [], null)),
            store.EndCooldownAsync("k"),
            store.CooldownLeftAsync("k"),
            store.StorePendingCodeAsync("k", new PendingCode("req-1", SignalWireMfaChannel.Sms, "+*********23", default, default, "d", "s"), TimeSpan.FromMinutes(1)),
            store.ReadPendingCodeAsync("k"),
            store.RemovePendingCodeAsync("k", "req-1"),
            store.ReserveAttemptAsync("k", "req-1", 3),
            store.ReturnAttemptAsync("k", "req-1"),
            store.MarkUsedUpAsync("k", "req-1"),
            store.CountVerifiedAsync(["k"], TimeSpan.FromMinutes(1)),
            store.SetClearanceAsync("k", TimeSpan.FromMinutes(1)),
            store.GetOrAddAsync("k", [1]),
        ];

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => call);
            Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, error.Kind);
            Assert.Same(failure, error.InnerException);
        }
    }

    [Fact]
    public async Task A_cancellation_or_a_SignalWire_exception_passes_through_as_it_is()
    {
        var cancelled = new OperationCanceledException();
        var alreadySaid = new SignalWireSendLimitException(SignalWireSendLimit.ResendCooldown, "wait (test)", TimeSpan.FromSeconds(3));
        var inner = new Mock<IAtomicStore>(MockBehavior.Strict);
        inner.Setup(s => s.CooldownLeftAsync(It.IsAny<string>())).ThrowsAsync(cancelled);
        inner.Setup(s => s.ChargeAsync(It.IsAny<SendCharge>())).ThrowsAsync(alreadySaid);
        var store = Translating(inner.Object);

        Assert.Same(cancelled, await Assert.ThrowsAsync<OperationCanceledException>(() => store.CooldownLeftAsync("k")));
        Assert.Same(alreadySaid, await Assert.ThrowsAsync<SignalWireSendLimitException>(() => store.ChargeAsync(new SendCharge(null, [], null))));
    }

    [Fact]
    public void StoreUnavailable_is_transient()
    {
        Assert.True(new SignalWireMfaException(SignalWireMfaErrorKind.StoreUnavailable, "down (test)").IsTransient);
    }

    private static TranslatingAtomicStore Translating(IAtomicStore inner) =>
        new(inner, new StoreFailureTranslator(NullLogger<StoreFailureTranslator>.Instance));

    private static MetricCollector<long> Collect(IdentityTestHost host, string instrument) =>
        new(host.Services.GetRequiredService<IMeterFactory>(), SignalWireTelemetry.Name, instrument);

    private static void AssertStoreUnavailable(SignalWireMfaException error)
    {
        Assert.Equal(SignalWireMfaErrorKind.StoreUnavailable, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal("The cache is unreachable (test).", Assert.IsType<InvalidOperationException>(error.InnerException).Message);
        Assert.Contains("try again in a moment", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }
}
