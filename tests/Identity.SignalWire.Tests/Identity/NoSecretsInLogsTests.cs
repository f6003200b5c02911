using System.Net;
using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Identity;

public sealed class NoSecretsInLogsTests
{
    [Fact]
    public async Task Logs_of_a_whole_flow_hold_neither_the_API_token_nor_a_full_number_nor_a_code()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: "+12015550123");
        host.SignalWire.NextCodes.Enqueue("987654");
        host.SignalWire.NextCodes.Enqueue("876543");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "111111");
        await host.Users.VerifyTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName, "987654");
        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+447400123456");
        await host.Users.ChangePhoneNumberAsync(user, "+447400123456", "876543");
        host.SignalWire.AnswerNext(HttpStatusCode.UnprocessableEntity,
            """{"errors":[{"code":"invalid_parameter","message":"+447400123456 cannot receive SMS","attribute":"to"}]}""");
        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
        host.SignalWire.AnswerNext(HttpStatusCode.InternalServerError, """{"error":"Internal Server Error"}""");
        await Assert.ThrowsAsync<SignalWireMfaException>(() => host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName));

        var records = host.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains("+*********23", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("Checked a Sms code for ChangePhoneNumber: Valid", StringComparison.Ordinal));

        var everything = string.Join('\n', records.Select(r =>
            r.Message + " " + r.Exception + " " + string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])));
        foreach (var secret in new[] { IdentityTestHost.ApiToken, "2015550123", "7400123456", "987654", "876543", "111111" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }
}
