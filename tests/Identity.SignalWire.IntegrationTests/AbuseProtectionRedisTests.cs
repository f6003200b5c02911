using Identity.SignalWire.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;
using Xunit.Abstractions;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>
/// The abuse protection through the real path: the emulator, a real Redis shared by the instances, UserManager. The
/// theories run on one server and on a cluster, where every budget key of a send must share one hash slot.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AbuseProtectionRedisTests(RedisFixture redis, ITestOutputHelper output)
{
    private const string Sms = SignalWireDefaults.SmsProviderName;

    [Theory]
    [OnServerAndCluster]
    public async Task Strangers_using_up_the_confirmations_of_my_number_leave_my_sign_in_code_alone(RedisTopology topology)
    {
        await using var site = await TestSite.StartAsync(await redis.OfAsync(topology), options =>
        {
            options.Budgets.MaxConfirmationSendsPerNumber = 3;
            options.Budgets.MaxSendsPerNumber = 3;
        });
        var (me, myNumber) = await site.CreateUserAsync();

        var refused = 0;
        for (var i = 0; i < 6; i++)
        {
            var stranger = $"stranger{i}@example.com";
            await site.App.CreateUserAsync(stranger, phoneNumber: null, phoneConfirmed: false);
            try
            {
                await site.App.WithUserManagerAsync(stranger, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, myNumber));
            }
            catch (SignalWireSendLimitException refusal) when (refusal.Limit == SignalWireSendLimit.ConfirmationNumberBudget)
            {
                refused++;
            }
        }

        Assert.Equal(3, refused);
        Assert.Equal(3, site.Emulator.Outbox.Count(message => message.To == myNumber));
        site.Emulator.Outbox.Clear();

        await site.App.WithUserManagerAsync(me, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var code = await site.NextCodeAsync(myNumber);
        Assert.True(await site.App.WithUserManagerAsync(me, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code)));
    }

    // Issue 11: the budgets together before SignalWire (one script), the pending entry after it. Counted as the
    // longest chain of Redis commands in which each was issued only after the one before had been answered.
    [Theory]
    [OnServerAndCluster]
    public async Task A_send_makes_at_most_two_sequential_Redis_round_trips(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        var connection = await ConnectionMultiplexer.ConnectAsync(target.Configuration);
        var profiler = new CapturingProfiler();
        connection.RegisterProfiler(profiler.Session);
        await using var site = await TestSite.StartAsync(
            target,
            options => options.ResendCooldown = TimeSpan.FromSeconds(30),
            configureServices: services => services.Configure<RedisCacheOptions>(
                options => options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(connection)));
        var (warm, _) = await site.CreateUserAsync();
        var (email, number) = await site.CreateUserAsync();

        // The first send connects, loads scripts and the shared hashing key; the measured one is a steady-state send.
        await site.App.WithUserManagerAsync(warm, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var commands = await profiler.CaptureAsync(() => site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms)));

        await site.NextCodeAsync(number);
        output.WriteLine(string.Join(Environment.NewLine, commands.Select(c => $"{c.Command} at {c.CommandCreated:HH:mm:ss.ffffff} took {c.ElapsedTime.TotalMilliseconds:F2} ms")));
        Assert.Contains(commands, command => command.Command is "EVAL" or "EVALSHA");
        Assert.InRange(SequentialRoundTrips(commands), 1, 2);
    }

    // A right code: the entry read, then one of its attempts reserved (naming the request ID the read found, so that it
    // must follow the read) before SignalWire; after it, the entry removed and the pumping guard's verified count taken
    // together. Issue 18 added the reservation: it is what keeps checks at once from asking SignalWire too often.
    [Theory]
    [OnServerAndCluster]
    public async Task A_verify_makes_at_most_three_sequential_Redis_round_trips(RedisTopology topology)
    {
        var target = await redis.OfAsync(topology);
        var connection = await ConnectionMultiplexer.ConnectAsync(target.Configuration);
        var profiler = new CapturingProfiler();
        connection.RegisterProfiler(profiler.Session);
        await using var site = await TestSite.StartAsync(
            target,
            configureServices: services => services.Configure<RedisCacheOptions>(
                options => options.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(connection)));
        var (warm, warmNumber) = await site.CreateUserAsync();
        var (email, number) = await site.CreateUserAsync();

        // The first check loads the scripts; the measured one is a steady-state check.
        await site.App.WithUserManagerAsync(warm, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var warmCode = await site.NextCodeAsync(warmNumber);
        Assert.True(await site.App.WithUserManagerAsync(warm, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, warmCode)));
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        var code = await site.NextCodeAsync(number);

        var verified = false;
        var commands = await profiler.CaptureAsync(async () =>
            verified = await site.App.WithUserManagerAsync(email, (users, user) => users.VerifyTwoFactorTokenAsync(user, Sms, code)));

        output.WriteLine(string.Join(Environment.NewLine, commands.Select(c => $"{c.Command} at {c.CommandCreated:HH:mm:ss.ffffff} took {c.ElapsedTime.TotalMilliseconds:F2} ms")));
        Assert.True(verified);
        Assert.Equal(3, commands.Count(command => command.Command is "EVAL" or "EVALSHA"));
        Assert.InRange(SequentialRoundTrips(commands), 1, 3);
    }

    [Fact]
    public async Task Every_budget_key_of_a_site_hashes_to_one_Redis_Cluster_slot()
    {
        await using var site = await TestSite.StartAsync(redis.Server, options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var (email, _) = await site.CreateUserAsync();
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateTwoFactorTokenAsync(user, Sms));
        await site.App.WithUserManagerAsync(email, (users, user) => users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456"));
        await site.App.WithUserManagerAsync(email, async (_, user) =>
        {
            await using var scope = site.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SignalWireChallenges<IdentityUser>>().ClearAsync(user);
            return true;
        });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);

        var keys = (await redis.Server.KeysAsync(site.Store.CacheInstanceName + "*"))
            .Where(key => key.Contains("budgets}", StringComparison.Ordinal)).ToList();

        Assert.Contains(keys, key => key.Contains("}cooldown:", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.Contains("}site", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.Contains("}guard:GB:", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.Contains("}guard:GB:740012:", StringComparison.Ordinal));
        Assert.Contains(keys, key => key.Contains("}guard-cleared:", StringComparison.Ordinal));
        Assert.True(keys.Count >= 10, string.Join(", ", keys));
        Assert.Single(keys.Select(key => connection.HashSlot(key)).Distinct());
    }

    private static int SequentialRoundTrips(IReadOnlyList<IProfiledCommand> commands)
    {
        var ordered = commands.OrderBy(command => command.CommandCreated).ToList();
        var chain = new int[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            chain[i] = 1;
            for (var j = 0; j < i; j++)
            {
                if (ordered[j].CommandCreated + ordered[j].ElapsedTime <= ordered[i].CommandCreated)
                {
                    chain[i] = Math.Max(chain[i], chain[j] + 1);
                }
            }
        }

        return chain.DefaultIfEmpty(0).Max();
    }

    // Records the commands issued while one action runs, and none before or after.
    private sealed class CapturingProfiler
    {
        private ProfilingSession? _session;

        public ProfilingSession? Session() => _session;

        public async Task<IReadOnlyList<IProfiledCommand>> CaptureAsync(Func<Task> action)
        {
            var session = new ProfilingSession();
            _session = session;
            try
            {
                await action();
            }
            finally
            {
                _session = null;
            }

            return session.FinishProfiling().ToList();
        }
    }
}
