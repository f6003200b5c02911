using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Configuration;

// The rules for the texts per culture; the helpers are OptionsValidationTests'.
public sealed partial class OptionsValidationTests
{
    [Fact]
    public void A_text_per_culture_that_fits_with_the_code_is_valid()
    {
        var options = Valid();
        options.SmsMessages["fr-CA"] = "Votre code Acme :";
        options.SmsMessages["ja"] = "Acmeのログインコード:";
        options.CallMessages["es"] = "Su código Acme es";

        Assert.Empty(Problems(options));
    }

    [Fact]
    public void A_GSM_7_text_too_long_for_one_segment_is_named_by_culture_and_setting()
    {
        var options = Valid();
        options.SmsMessages["fr-CA"] = new string('a', 154);

        var problem = Assert.Single(Problems(options));

        Assert.Equal("SignalWire:SmsMessages:fr-CA with a space and a 6-character code takes 161 GSM-7 septets; one SMS segment holds 160. Shorten the message by 1.", problem);
    }

    [Fact]
    public void A_UCS_2_text_must_fit_70_units_with_the_configured_code_length()
    {
        var options = Valid();
        options.TokenLength = 10;

        // 59 + a space + 10 = 70 units: one segment; one more character is too many.
        options.SmsMessages["ru"] = new string('ж', 59);
        Assert.Empty(Problems(options));

        options.SmsMessages["ru"] = new string('ж', 60);
        var problem = Assert.Single(Problems(options));
        Assert.StartsWith("SignalWire:SmsMessages:ru with a space and a 10-character code takes 71 UTF-16 units", problem, StringComparison.Ordinal);
        Assert.Contains("holds 70", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("xx-Foo")]
    public void A_key_that_is_not_a_culture_name_is_refused_because_it_would_never_match(string key)
    {
        var options = Valid();
        options.SmsMessages[key] = "Code:";

        var problem = Assert.Single(Problems(options));

        Assert.Equal($"SignalWire:SmsMessages:{key}: \"{key}\" is not a culture .NET knows; use a culture name such as \"fr\" or \"fr-CA\".", problem);
    }

    [Fact]
    public void An_empty_culture_name_points_to_the_single_texts()
    {
        var options = Valid();
        options.CallMessages[""] = "Your code is";

        Assert.StartsWith("SignalWire:CallMessages: has no culture name; set the text for every other language in SignalWire:SmsMessage or SignalWire:CallMessage", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_text_is_refused_rather_than_sent_as_SignalWires_default()
    {
        var options = Valid();
        options.SmsMessages["de"] = "";

        Assert.Equal("SignalWire:SmsMessages:de is empty; remove it to fall back to the parent culture's text or SmsMessage.", Assert.Single(Problems(options)));
    }

    [Fact]
    public void A_call_text_per_culture_is_held_to_500_characters()
    {
        var options = Valid();
        options.CallMessages["de"] = new string('a', 501);

        Assert.Equal("SignalWire:CallMessages:de has 501 characters; it must have from 1 to 500, or be left unset.", Assert.Single(Problems(options)));
    }

    [Fact]
    public void Texts_per_culture_bind_from_configuration_with_case_insensitive_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SignalWire:SmsMessages:fr-CA"] = "Votre code Acme :",
            ["SignalWire:CallMessages:es"] = "Su código Acme es",
            ["SignalWire:UseBuiltInSmsMessages"] = "false",
        }).Build();
        var options = new SignalWireMfaOptions();

        configuration.GetSection("SignalWire").Bind(options);

        Assert.Equal("Votre code Acme :", options.SmsMessages["FR-ca"]);
        Assert.Equal("Su código Acme es", options.CallMessages["es"]);
        Assert.False(options.UseBuiltInSmsMessages);
    }

    [Fact]
    public async Task An_app_with_a_text_too_long_fails_at_start_up_naming_the_culture()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddIdentityCore<IdentityUser>()
            .AddSignalWireTokenProviders(options =>
            {
                options.SpaceName = "example";
                options.ProjectId = "p";
                options.ApiToken = "t";
                options.SmsMessages["el"] = new string('λ', 70);
            });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SignalWire:SmsMessages:el with a space and a 6-character code takes 77 UTF-16 units", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_texts_per_culture_show_in_ToString_by_culture_only()
    {
        var options = Valid();
        options.SmsMessages["fr"] = "Votre code Acme :";
        options.CallMessages["es"] = "Su código Acme es";

        var text = options.ToString();

        Assert.Contains("SmsMessages = [fr], UseBuiltInSmsMessages = True, CallMessages = [es]", text, StringComparison.Ordinal);
    }
}
