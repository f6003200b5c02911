using System.Globalization;
using System.Net;
using System.Security.Claims;
using Identity.SignalWire.IntegrationTests.Infrastructure;
using Identity.SignalWire.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.SignalWire.IntegrationTests;

/// <summary>Codes in the user's language, over HTTP: the browser's Accept-Language, the site, SignalWire's phone.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LocalizedCodeTests(RedisFixture redis)
{
    private const string Email = "camille@example.com";
    private const string Number = "+33612345678";

    [Theory]
    [InlineData("fr-FR", "Votre code de connexion est :")]
    [InlineData("fr-CA", "Votre code de connexion est :")]
    [InlineData("is-IS", "Your Personal Authorization Code is:")]
    [InlineData("en-US", "Your Personal Authorization Code is:")]
    public async Task A_site_configured_with_only_the_credentials_texts_the_code_in_the_browsers_language(string language, string text)
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        await site.App.CreateUserAsync(Email, Number);
        using var browser = site.App.NewBrowser().AcceptLanguage(language);

        await browser.LoginExpectingCodeAsync(Email);
        await browser.SendCodeExpectingSuccessAsync(SignalWireDefaults.SmsProviderName);
        var message = await site.Emulator.Outbox.NextMessageAsync(Number, TimeSpan.FromSeconds(30));
        using var verified = await browser.VerifyAsync(SignalWireDefaults.SmsProviderName, message.Code);

        Assert.Equal($"{text} {message.Code}", message.Text);
        await Expect.StatusAsync(HttpStatusCode.OK, verified);
    }

    [Fact]
    public async Task A_call_is_spoken_with_the_configured_text_whatever_the_browsers_language()
    {
        await using var site = await TestSite.StartAsync(redis.Server);
        await site.App.CreateUserAsync(Email, Number);
        using var browser = site.App.NewBrowser().AcceptLanguage("fr-FR");

        await browser.LoginExpectingCodeAsync(Email);
        await browser.SendCodeExpectingSuccessAsync(SignalWireDefaults.CallProviderName);
        var message = await site.Emulator.Outbox.NextMessageAsync(Number, TimeSpan.FromSeconds(30));

        Assert.StartsWith("Your Personal Authorization Code is ", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_culture_selector_texts_the_users_saved_language_rather_than_the_browsers()
    {
        await using var site = await TestSite.StartAsync(
            redis.Server,
            configureServices: services => services.AddScoped<ISignalWireCultureSelector<IdentityUser>, ClaimCultureSelector>());
        await site.App.CreateUserAsync(Email, Number);
        await site.App.WithUserManagerAsync(Email, (users, user) => users.AddClaimAsync(user, new Claim(ClaimCultureSelector.ClaimType, "de-DE")));
        using var browser = site.App.NewBrowser().AcceptLanguage("fr-FR");

        await browser.LoginExpectingCodeAsync(Email);
        await browser.SendCodeExpectingSuccessAsync(SignalWireDefaults.SmsProviderName);
        var message = await site.Emulator.Outbox.NextMessageAsync(Number, TimeSpan.FromSeconds(30));

        Assert.Equal($"Ihr Anmeldecode lautet: {message.Code}", message.Text);
    }

    [Fact]
    public async Task SignalWire_takes_every_built_in_text_with_the_longest_code()
    {
        // The emulator refuses an SMS that does not fit one segment with its code, as SignalWire does.
        await using var site = await TestSite.StartAsync(redis.Server, options =>
        {
            options.TokenLength = 20;
            options.AllowAlphas = true;
        });
        await site.App.CreateUserAsync(Email, Number);

        foreach (var (culture, text) in BuiltInSmsMessages.ByCulture)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            await site.App.WithUserManagerAsync(Email, (users, user) => users.GenerateTwoFactorTokenAsync(user, SignalWireDefaults.SmsProviderName));
            var message = await site.Emulator.Outbox.NextMessageAsync(Number, TimeSpan.FromSeconds(30));

            Assert.Equal(20, message.Code.Length);
            Assert.Equal($"{text} {message.Code}", message.Text);
        }

        Assert.Equal(BuiltInSmsMessages.ByCulture.Count, site.Emulator.Outbox.Count);
    }
}
