using System.Text.RegularExpressions;
using Identity.SignalWire.BlazorSample.Tests.Support;
using Identity.SignalWire.Emulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.BlazorSample.Tests;

/// <summary>The Blazor sample and its codes in the browser's language.</summary>
public sealed class LocalizationTests(BlazorSite site) : IClassFixture<BlazorSite>
{
    [Fact]
    public async Task AFrenchBrowserSignsInInFrenchAndTheSmsReadsInFrench()
    {
        // Set up in English, then come back in a browser that asks for French.
        var english = await BlazorUser.StartAsync(site);
        await english.SetUpTwoFactorAsync();
        var page = await site.NewPageAsync(locale: "fr-FR");

        await page.GotoAsync("/Account/Login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Se connecter");
        await page.GetByLabel("E-mail").FillAsync(english.Email);
        await page.GetByLabel("Mot de passe").FillAsync(english.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Authentification à deux facteurs");
        await page.GetByLabel("Message texte (SMS)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le code" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToHaveTextAsync(
            "Nous avons envoyé un code par SMS au numéro se terminant par " + english.Phone.Number[^2..] + ".");
        await Expect(page.Locator("#code-state")).ToHaveTextAsync("Il reste valable encore 2 min, et il reste 3 essais.");
        var message = await english.Phone.NextMessageAsync();
        Assert.Equal(MfaChannel.Sms, message.Channel);

        // The development phone in a second tab of the same French browser, as a person would look at their phone.
        var phone = await page.Context.NewPageAsync();
        await phone.GotoAsync("/dev/phone");
        await Expect(phone.Locator("#outbox li").First).ToContainTextAsync($"Votre code de connexion est : {message.Code}");
        await phone.CloseAsync();

        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(message.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = english.Email })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }
}
