using Identity.SignalWire.Emulator;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// How long a code lives, through UserManager against the emulator and Redis: until it expires, until its attempts
/// are used up, or until it is used once.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class CodeLifetimeTests(RedisFixture redis)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Fact]
    public async Task A_code_checked_after_ValidFor_has_passed_on_SignalWires_clock_is_refused_and_marked_used_up()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await TestSite.StartAsync(
            redis.Server,
            options => options.ValidFor = TimeSpan.FromMinutes(5),
            new SignalWireMfaEmulatorOptions { TimeProvider = clock });
        var (email, number) = await site.CreateUserAsync();
        await SendAsync(site, email);
        var code = await site.NextCodeAsync(number);

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var expired = await VerifyAsync(site, email, code);
        var verifiesAfterExpiry = site.App.SignalWire.Verifies;
        var again = await VerifyAsync(site, email, code);

        Assert.False(expired);
        Assert.False(again);
        // SignalWire's 404 marks the entry used up rather than removing it (a right answer checked at the same moment
        // must still be able to remove it), so the second try was refused without asking SignalWire.
        Assert.Equal(0, (await site.App.PendingCodeAsync(email))!.AttemptsLeft);
        Assert.Equal(verifiesAfterExpiry, site.App.SignalWire.Verifies);
    }

    [Fact]
    public async Task A_code_checked_just_before_it_expires_is_accepted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var site = await TestSite.StartAsync(
            redis.Server,
            options => options.ValidFor = TimeSpan.FromMinutes(5),
            new SignalWireMfaEmulatorOptions { TimeProvider = clock });
        var (email, number) = await site.CreateUserAsync();
        await SendAsync(site, email);
        var code = await site.NextCodeAsync(number);

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.True(await VerifyAsync(site, email, code));
    }

    [Fact]
    public async Task After_MaxAttempts_wrong_codes_the_right_code_is_refused_without_asking_SignalWire()
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.MaxAttempts = 3);
        var (email, number) = await site.CreateUserAsync();
        await SendAsync(site, email);
        var code = await site.NextCodeAsync(number);

        var wrong = new List<bool>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            wrong.Add(await VerifyAsync(site, email, Codes.WrongFor(code)));
        }

        var right = await VerifyAsync(site, email, code);

        Assert.Equal([false, false, false], wrong);
        Assert.False(right);
        // The library counts SignalWire's wrong answers in the entry (atomically in Redis), so it knows the code is
        // used up: no fourth call. The entry stays until it expires, so that a page can say "used up".
        Assert.Equal(3, site.App.SignalWire.Verifies);
        Assert.Single(await redis.Server.KeysAsync(site.PendingCodeKeys));
        Assert.Equal(0, (await site.App.PendingCodeAsync(email))!.AttemptsLeft);
    }

    [Fact]
    public async Task A_code_works_once_only()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var (email, number) = await site.CreateUserAsync();
        await SendAsync(site, email);
        var code = await site.NextCodeAsync(number);

        var first = await VerifyAsync(site, email, code);
        var second = await VerifyAsync(site, email, code);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await redis.Server.KeysAsync(site.PendingCodeKeys));
    }

    [Fact]
    public async Task Only_the_latest_code_sent_can_succeed()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        var (email, number) = await site.CreateUserAsync();
        await SendAsync(site, email);
        var firstCode = await site.NextCodeAsync(number);
        await SendAsync(site, email);
        var secondCode = await site.NextCodeAsync(number);

        // Guard against the 1-in-a-million draw of the same code twice, which would make the first check meaningless.
        Assert.NotEqual(firstCode, secondCode);
        Assert.False(await VerifyAsync(site, email, firstCode));
        Assert.True(await VerifyAsync(site, email, secondCode));
    }

    private static Task<string> SendAsync(TestSite site, string email) =>
        site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));

    private static Task<bool> VerifyAsync(TestSite site, string email, string code) =>
        site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code));
}
