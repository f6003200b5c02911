using System.Globalization;

namespace Identity.SignalWire.Tests.Localization;

public sealed class LocalizedMessagesTests
{
    private const string French = "Votre code de connexion est :";

    private static string? Sms(string culture, Action<SignalWireMfaOptions>? configure = null)
    {
        var options = new SignalWireMfaOptions();
        configure?.Invoke(options);
        return LocalizedMessages.SmsMessageFor(options, CultureInfo.GetCultureInfo(culture));
    }

    private static string? Call(string culture, Action<SignalWireMfaOptions>? configure = null)
    {
        var options = new SignalWireMfaOptions();
        configure?.Invoke(options);
        return LocalizedMessages.CallMessageFor(options, CultureInfo.GetCultureInfo(culture));
    }

    [Theory]
    [InlineData("fr-FR", French)]
    [InlineData("fr-CA", French)]
    [InlineData("fr", French)]
    [InlineData("de-AT", "Ihr Anmeldecode lautet:")]
    [InlineData("pt-BR", "Seu código de acesso é:")]
    [InlineData("pt-PT", "O seu código de acesso é:")]
    [InlineData("zh-CN", "您的登录验证码：")]
    [InlineData("zh-TW", "您的登入驗證碼：")]
    [InlineData("ja-JP", "ログイン認証コード:")]
    public void A_culture_gets_its_own_built_in_text_or_its_parents(string culture, string expected) =>
        Assert.Equal(expected, Sms(culture));

    [Theory]
    [InlineData("en-US")]
    [InlineData("en")]
    [InlineData("is-IS")]
    [InlineData("sw-KE")]
    [InlineData("")]
    public void A_language_without_a_text_gets_SignalWires_default(string culture) =>
        Assert.Null(Sms(culture));

    [Theory]
    [InlineData("en-GB")]
    [InlineData("is-IS")]
    public void A_language_without_a_text_gets_the_configured_SmsMessage(string culture) =>
        Assert.Equal("Acme code:", Sms(culture, options => options.SmsMessage = "Acme code:"));

    [Fact]
    public void A_built_in_text_comes_before_the_configured_SmsMessage() =>
        Assert.Equal(French, Sms("fr-FR", options => options.SmsMessage = "Acme code:"));

    [Fact]
    public void The_applications_text_for_a_culture_replaces_the_built_in_one() =>
        Assert.Equal("Code Acme :", Sms("fr-CA", options => options.SmsMessages["fr"] = "Code Acme :"));

    [Fact]
    public void A_regional_text_serves_its_region_only()
    {
        void Configure(SignalWireMfaOptions options) => options.SmsMessages["fr-CA"] = "Votre code Acme :";

        Assert.Equal("Votre code Acme :", Sms("fr-CA", Configure));
        Assert.Equal(French, Sms("fr-FR", Configure));
    }

    [Fact]
    public void The_nearest_culture_wins_even_over_the_applications_text_for_the_parent()
    {
        // pt-PT has a built-in text of its own, which is nearer than the application's "pt": Portugal keeps it.
        Assert.Equal("O seu código de acesso é:", Sms("pt-PT", options => options.SmsMessages["pt"] = "Código Acme:"));
        Assert.Equal("Código Acme:", Sms("pt-BR", options => options.SmsMessages["pt"] = "Código Acme:"));
    }

    [Fact]
    public void Culture_names_in_SmsMessages_ignore_case() =>
        Assert.Equal("Acme-Code:", Sms("de-DE", options => options.SmsMessages["DE"] = "Acme-Code:"));

    [Fact]
    public void An_application_can_add_a_language() =>
        Assert.Equal("Kóðinn þinn er:", Sms("is-IS", options => options.SmsMessages["is"] = "Kóðinn þinn er:"));

    [Fact]
    public void With_the_built_in_texts_off_only_the_applications_texts_and_SmsMessage_are_used()
    {
        void Configure(SignalWireMfaOptions options)
        {
            options.UseBuiltInSmsMessages = false;
            options.SmsMessage = "Acme code:";
            options.SmsMessages["es"] = "Código Acme:";
        }

        Assert.Equal("Acme code:", Sms("fr-FR", Configure));
        Assert.Equal("Código Acme:", Sms("es-MX", Configure));
    }

    [Fact]
    public void Calls_keep_CallMessage_in_every_language_by_default()
    {
        Assert.Null(Call("fr-FR"));
        Assert.Equal("Your Acme code is", Call("ja-JP", options => options.CallMessage = "Your Acme code is"));
    }

    [Fact]
    public void Calls_use_the_applications_call_text_for_the_culture_or_its_parent()
    {
        void Configure(SignalWireMfaOptions options)
        {
            options.CallMessage = "Your Acme code is";
            options.CallMessages["es"] = "Su código Acme es";
        }

        Assert.Equal("Su código Acme es", Call("es-MX", Configure));
        Assert.Equal("Your Acme code is", Call("fr-FR", Configure));
    }
}
