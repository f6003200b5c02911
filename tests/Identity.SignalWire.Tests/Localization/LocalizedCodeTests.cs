using System.Globalization;
using System.Security.Claims;
using Identity.SignalWire.Tests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.Tests.Localization;

// Each test sets CultureInfo.CurrentUICulture as request localization would. The culture lives in the async flow,
// so the setting ends with the test method and does not reach tests running in parallel.
public sealed class LocalizedCodeTests
{
    private const string French = "Votre code de connexion est :";
    private const string German = "Ihr Anmeldecode lautet:";

    [Theory]
    [InlineData("fr-FR", French)]
    [InlineData("fr-CA", French)]
    [InlineData("is-IS", null)]
    [InlineData("en-US", null)]
    public async Task With_only_the_credentials_configured_the_SMS_text_follows_the_UI_culture(string culture, string? expected)
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: "+33612345678");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        // No message at all lets SignalWire use its default English text.
        Assert.Equal(expected, MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    [Fact]
    public async Task The_text_confirming_a_new_number_is_in_the_users_language_too()
    {
        await using var host = await IdentityTestHost.StartAsync();
        var user = await host.CreateUserAsync(phoneNumber: null, phoneConfirmed: false);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-CH");

        await host.Users.GenerateChangePhoneNumberTokenAsync(user, "+41781234567");

        Assert.Equal(German, MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    [Fact]
    public async Task A_call_keeps_CallMessage_whatever_the_UI_culture()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.CallMessage = "Your Acme code is");
        var user = await host.CreateUserAsync(phoneNumber: "+33612345678");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);

        Assert.Equal("Your Acme code is", MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    [Fact]
    public async Task A_call_uses_the_applications_call_text_for_the_culture()
    {
        await using var host = await IdentityTestHost.StartAsync(options => options.CallMessages["fr"] = "Votre code Acme est");
        var user = await host.CreateUserAsync(phoneNumber: "+33612345678");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-CA");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.CallProviderName);

        Assert.Equal("Votre code Acme est", MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    [Fact]
    public async Task A_culture_selector_sends_in_the_users_saved_language_rather_than_the_requests()
    {
        await using var host = await IdentityTestHost.StartAsync(
            configureServices: services => services.AddScoped<ISignalWireCultureSelector<IdentityUser>, ClaimCultureSelector>());
        var user = await host.CreateUserAsync(phoneNumber: "+33612345678");
        await host.Users.AddClaimAsync(user, new Claim(ClaimCultureSelector.ClaimType, "de-DE"));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.Equal(German, MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    [Fact]
    public async Task A_culture_selector_that_has_no_answer_leaves_the_choice_to_the_UI_culture()
    {
        await using var host = await IdentityTestHost.StartAsync(
            configureServices: services => services.AddScoped<ISignalWireCultureSelector<IdentityUser>, ClaimCultureSelector>());
        var user = await host.CreateUserAsync(phoneNumber: "+33612345678");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

        await host.Users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName);

        Assert.Equal(French, MessageOf(Assert.Single(host.SignalWire.Requests)));
    }

    private static string? MessageOf(RecordedRequest send) =>
        send.Json.TryGetProperty("message", out var message) ? message.GetString() : null;
}
