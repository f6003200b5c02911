using Identity.SignalWire.DefaultUISample.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Identity.SignalWire.DefaultUISample.Tests;

/// <summary>
/// The drop-in pages follow the request's language, as the samples do: with <c>UseRequestLocalization</c> (added here
/// ahead of the template's pipeline, as a site would add it to Program.cs), a French browser reads French.
/// </summary>
public sealed class LocalizationTests(LocalizationTests.FrenchSite site) : IClassFixture<LocalizationTests.FrenchSite>
{
    [Fact]
    public async Task A_French_browser_reads_the_second_step_and_the_code_state_in_French()
    {
        var user = await SiteUser.WithTwoFactorAsync(site);
        await user.LogOutAsync();
        var page = await site.NewPageAsync("fr-FR");
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("#Input_Email").FillAsync(user.Email);
        await page.Locator("#Input_Password").FillAsync(user.Password);
        await page.Locator("#login-submit").ClickAsync();

        await Expect(page.Locator("#send-sms")).ToHaveTextAsync("Envoyez-moi un code par SMS");
        await Expect(page.Locator("#recovery-code-login")).ToHaveTextAsync("Se connecter avec un code de récupération");
        await page.Locator("#send-sms").ClickAsync();
        await user.Phone.NextCodeAsync();
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("Nous avons envoyé un SMS avec votre code au +*********");
        await Expect(page.Locator("#code-state")).ToContainTextAsync("peut être essayé encore");
    }

    /// <summary>The sample with English and French chosen from the browser's Accept-Language.</summary>
    public sealed class FrenchSite : DefaultUISite
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddTransient<IStartupFilter, RequestLocalizationFirst>();

        private sealed class RequestLocalizationFirst : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.UseRequestLocalization(options => options.SetDefaultCulture("en").AddSupportedCultures("en", "fr").AddSupportedUICultures("en", "fr"));
                next(app);
            };
        }
    }
}
