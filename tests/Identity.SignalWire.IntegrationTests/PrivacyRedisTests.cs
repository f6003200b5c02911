using System.Text;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>What someone reading the Redis server learns after people signed in: nobody's id, e-mail or number.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class PrivacyRedisTests(RedisFixture redis)
{
    [Fact]
    public async Task After_a_flow_no_raw_Redis_key_or_value_holds_an_id_an_email_a_number_a_stamp_or_a_code()
    {
        // The library's defaults: no HashKey, so the hashing key is made once and kept protected in Redis too.
        await using var site = await TestSite.StartAsync(redis.Server, options => options.ResendCooldown = TimeSpan.FromSeconds(30));
        var (email, number) = await site.CreateUserAsync();
        var user = await site.App.FindUserAsync(email);

        await site.App.WithUserManagerAsync(email, (users, u) => users.GenerateTwoFactorTokenAsync(u, SignalWireDefaults.SmsProviderName));
        var firstCode = await site.NextCodeAsync(number);
        await site.App.WithUserManagerAsync(email, (users, u) => users.VerifyTwoFactorTokenAsync(u, SignalWireDefaults.SmsProviderName, "000000"));
        await site.App.WithUserManagerAsync(email, (users, u) => users.GenerateChangePhoneNumberTokenAsync(u, "+447400123456"));
        var confirmCode = await site.NextCodeAsync("+447400123456");
        // Refused by the cooldown: a refusal must leave no trace either.
        await Assert.ThrowsAsync<SignalWireSendLimitException>(() => site.App.WithUserManagerAsync(
            email, (users, u) => users.GenerateTwoFactorTokenAsync(u, SignalWireDefaults.CallProviderName)));

        var dump = await DumpAsync(site.Store.CacheInstanceName);

        Assert.Contains(SignalWireDefaults.CacheKeyPrefix + "code:", dump, StringComparison.Ordinal);
        const string Budgets = "{" + SignalWireDefaults.CacheKeyPrefix + "budgets}";
        Assert.Contains(Budgets + "cooldown:", dump, StringComparison.Ordinal);
        Assert.Contains(Budgets + "user:", dump, StringComparison.Ordinal);
        Assert.Contains(Budgets + "number:", dump, StringComparison.Ordinal);
        Assert.Contains(Budgets + "confirm-number:", dump, StringComparison.Ordinal);
        Assert.Contains(Budgets + "guard:US:", dump, StringComparison.Ordinal);
        foreach (var secret in new[]
        {
            user.Id, email, email.Split('@')[0], user.SecurityStamp!, number[1..], number[^7..], "447400123456", "7400123456", firstCode, confirmCode,
        })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
        }
    }

    // Every key of this site with every value, as text: strings as they are, hashes (the Redis cache's entries) field
    // by field, binary as base64 and UTF-8 both, so that nothing escapes the search.
    private async Task<string> DumpAsync(string instanceName)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var database = connection.GetDatabase();
        var dump = new StringBuilder();
        foreach (var key in await redis.Server.KeysAsync(instanceName + "*"))
        {
            dump.AppendLine(key);
            var type = await database.KeyTypeAsync(key);
            var values = type switch
            {
                RedisType.Hash => (await database.HashGetAllAsync(key)).Select(entry => (byte[]?)entry.Value).ToList(),
                RedisType.String => [(byte[]?)await database.StringGetAsync(key)],
                _ => throw new InvalidOperationException($"Unexpected Redis type {type} at {key}."),
            };
            foreach (var value in values.OfType<byte[]>())
            {
                dump.AppendLine(Encoding.UTF8.GetString(value)).AppendLine(Convert.ToBase64String(value));
            }
        }

        return dump.ToString();
    }
}
