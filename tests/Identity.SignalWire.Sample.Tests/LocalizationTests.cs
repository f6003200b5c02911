using System.Text.RegularExpressions;
using Identity.SignalWire.Emulator;
using Identity.SignalWire.Sample.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.Sample.Tests;

/// <summary>The site and its codes in the browser's language, or in the one the switcher chose.</summary>
public sealed class LocalizationTests(SampleSite site) : IClassFixture<SampleSite>
{
    [Fact]
    public async Task A_French_browser_signs_in_in_French_and_the_SMS_reads_in_French()
    {
        // Set up in English, then come back in a browser that asks for French.
        var english = await SiteUser.StartAsync(site);
        await english.SetUpTwoFactorAsync();
        var page = await site.NewPageAsync(locale: "fr-FR");

        await page.GotoAsync("/account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Se connecter");
        await page.GetByLabel("E-mail").FillAsync(english.Email);
        await page.GetByLabel("Mot de passe").FillAsync(english.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/twofactor$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Recevoir un code de connexion");
        await page.GetByLabel("Message texte (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/twofactorcode$"));
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("Un SMS avec votre code a été envoyé");
        var message = await english.NextMessageAsync();

        // The development phone is the emulator package's page (MapSignalWireDevelopmentPhone), a developer's tool in
        // English; what must be French is the text the user's phone got.
        await page.GotoAsync("/dev/phone");
        await Expect(page.Locator("#outbox .text").First).ToHaveTextAsync($"Votre code de connexion est : {message.Code}");
        await english.ScreenshotAsync("dev-phone-fr");
        await page.GoBackAsync();

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.Locator("#signed-in")).ToContainTextAsync("Vous êtes connecté en tant que");
        Assert.Equal(MfaChannel.Sms, message.Channel);
    }

    [Fact]
    public async Task A_refusal_and_an_outage_read_in_the_chosen_language_in_the_librarys_words()
    {
        var user = await SiteUser.StartAsync(site);
        await user.RegisterAsync();
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Français" }).ClickAsync();
        var sent = user.MessagesSent();

        // A premium-rate number: the library refuses it before SignalWire; the page shows UserMessage, not the
        // operator's message (which names the setting and the masked number).
        await user.Page.GotoAsync("/manage/phone");
        await user.Page.GetByLabel("Numéro de téléphone").FillAsync("+1 900 555 0123");
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer un code à ce numéro" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Ce site ne peut pas envoyer de codes à ce type de numéro de téléphone. Utilisez un numéro de mobile.");

        // SignalWire failing: the outage's words, in French too.
        site.Emulator.Faults.FailNext(503);
        await user.Page.GetByLabel("Numéro de téléphone").FillAsync(user.PhoneNumber);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Envoyer un code à ce numéro" }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Les codes ne peuvent être ni envoyés ni vérifiés pour le moment. Réessayez dans un instant.");
        await user.ScreenshotAsync("refusal-fr");
        Assert.Equal(sent, user.MessagesSent());
    }

    [Fact]
    public async Task The_switcher_keeps_the_chosen_language_from_page_to_page()
    {
        var user = await SiteUser.StartAsync(site);
        await user.Page.GotoAsync("/account/login");

        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();

        await Expect(user.Page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Anmelden");
        await user.Page.GotoAsync("/account/register");
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrieren");
        await Expect(user.Page.Locator("html")).ToHaveAttributeAsync("lang", "de");
    }
}
