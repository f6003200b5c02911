using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Identity.SignalWire.Tests.Identity;

/// <summary>
/// What the providers ask of their collaborators, and what they never ask: Moq stands in for the SignalWire client and
/// the atomic store, and the providers run through UserManager as an application has them.
/// </summary>
public sealed class ProviderInteractionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")]
    public async Task Input_that_cannot_be_a_code_never_reaches_SignalWire(string input)
    {
        var client = new Mock<ISignalWireMfaClient>(MockBehavior.Strict);
        client.Setup(c => c.RequestCodeAsync(It.IsAny<SignalWireMfaChannel>(), It.IsAny<SignalWireMfaCodeRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SignalWireMfaCodeResult("req-1", "+12015550123", SignalWireMfaChannel.Sms));
        await using var host = await IdentityTestHost.StartAsync(configureServices: services => services.AddSingleton(client.Object));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.False(await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, input));

        client.Verify(c => c.VerifyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_send_a_budget_refuses_never_reaches_SignalWire()
    {
        var client = new Mock<ISignalWireMfaClient>(MockBehavior.Strict);
        client.Setup(c => c.RequestCodeAsync(SignalWireMfaChannel.Sms, It.IsAny<SignalWireMfaCodeRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SignalWireMfaCodeResult("req-1", "+12015550123", SignalWireMfaChannel.Sms));
        await using var host = await IdentityTestHost.StartAsync(
            options => options.Budgets.MaxSendsPerUser = 1,
            configureServices: services => services.AddSingleton(client.Object));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await Assert.ThrowsAsync<SignalWireSendLimitException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        client.Verify(
            c => c.RequestCodeAsync(It.IsAny<SignalWireMfaChannel>(), It.IsAny<SignalWireMfaCodeRequest>(), It.IsAny<CancellationToken>()),
            Times.Once);
    }

    [Fact]
    public async Task When_SignalWire_fails_to_take_a_send_the_cooldown_it_started_is_ended()
    {
        var failure = new SignalWireMfaException(SignalWireMfaErrorKind.ServiceUnavailable, "SignalWire answered 503.");
        var client = new Mock<ISignalWireMfaClient>(MockBehavior.Strict);
        client.Setup(c => c.RequestCodeAsync(SignalWireMfaChannel.Sms, It.IsAny<SignalWireMfaCodeRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);
        var store = new Mock<IAtomicStore>();
        store.Setup(s => s.GetOrAddAsync(It.IsAny<string>(), It.IsAny<byte[]>())).ReturnsAsync((string _, byte[] key) => key);
        store.Setup(s => s.ChargeAsync(It.IsAny<SendCharge>())).ReturnsAsync(ChargeOutcome.Charged());
        await using var host = await IdentityTestHost.StartAsync(
            options => options.ResendCooldown = TimeSpan.FromSeconds(30),
            configureServices: services => services.AddSingleton(client.Object).AddSingleton(store.Object));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        var thrown = await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));

        Assert.Same(failure, thrown);
        store.Verify(s => s.ChargeAsync(It.Is<SendCharge>(charge => charge.Cooldown!.Length == TimeSpan.FromSeconds(30))), Times.Once);
        store.Verify(s => s.EndCooldownAsync(It.Is<string>(key => key.StartsWith("{" + SignalWireDefaults.CacheKeyPrefix + "budgets}cooldown:", StringComparison.Ordinal))), Times.Once);
        store.Verify(s => s.StorePendingCodeAsync(It.IsAny<string>(), It.IsAny<PendingCode>(), It.IsAny<TimeSpan>()), Times.Never);
    }

    [Fact]
    public async Task A_request_that_only_builds_a_UserManager_builds_no_SignalWire_client()
    {
        // Identity builds every token provider for each UserManager, so for each request that resolves one: the client
        // is made only when a code is sent or checked.
        var clientsBuilt = 0;
        var client = new Mock<ISignalWireMfaClient>(MockBehavior.Strict);
        client.Setup(c => c.RequestCodeAsync(SignalWireMfaChannel.Sms, It.IsAny<SignalWireMfaCodeRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SignalWireMfaCodeResult("req-1", "+12015550123", SignalWireMfaChannel.Sms));
        await using var host = await IdentityTestHost.StartAsync(configureServices: services => services.AddTransient(_ =>
        {
            clientsBuilt++;
            return client.Object;
        }));
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");

        await using (var request = host.Services.CreateAsyncScope())
        {
            var users = request.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True(await users.IsPhoneNumberConfirmedAsync(user));
        }

        Assert.Equal(0, clientsBuilt);

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.Equal(1, clientsBuilt);
        client.Verify(
            c => c.RequestCodeAsync(SignalWireMfaChannel.Sms, It.Is<SignalWireMfaCodeRequest>(r => r.To == "+12015550123"), It.IsAny<CancellationToken>()),
            Times.Once);
    }
}
