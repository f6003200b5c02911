using System.Globalization;

namespace Identity.SignalWire.Tests.Localization;

public sealed class BuiltInSmsMessagesTests
{
    // SignalWire's token_length is at most 20; a text that fits with that fits with any configured length.
    private const int LongestCode = 20;

    public static TheoryData<string> Cultures => new(BuiltInSmsMessages.ByCulture.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_built_in_text_fits_one_segment_with_the_longest_code(string culture)
    {
        var text = BuiltInSmsMessages.ByCulture[culture];

        var length = SmsSegment.Measure($"{text} {new string('9', LongestCode)}");

        Assert.True(length.Fits, $"The built-in text for {culture} with a {LongestCode}-character code takes {length.Used} of {length.Limit} {length.Encoding} units.");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_built_in_text_in_UCS_2_fits_70_units_with_a_10_character_code(string culture)
    {
        var length = SmsSegment.Measure($"{BuiltInSmsMessages.ByCulture[culture]} 0123456789");

        // The issue's own rule, stated for the texts that need UCS-2; GSM-7 texts must fit their 160 septets.
        Assert.Equal(length.Encoding == SmsEncoding.Ucs2 ? SmsSegment.Ucs2Limit : SmsSegment.Gsm7Limit, length.Limit);
        Assert.True(length.Fits, $"{culture}: {length.Used} of {length.Limit}");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_key_is_the_exact_name_of_a_culture_NET_knows(string culture)
    {
        // Lookups compare with CultureInfo.Name, so a key must be that name, not merely something .NET accepts.
        Assert.Equal(culture, CultureInfo.GetCultureInfo(culture, predefinedOnly: true).Name);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_built_in_text_is_a_phrase_ending_in_a_colon_before_the_code(string culture)
    {
        var text = BuiltInSmsMessages.ByCulture[culture];

        Assert.Equal(text.Trim(), text);
        Assert.True(text.EndsWith(':') || text.EndsWith('：'), $"{culture}: \"{text}\"");
    }

    [Fact]
    public void At_least_20_languages_are_built_in_and_English_is_left_to_SmsMessage()
    {
        var languages = BuiltInSmsMessages.ByCulture.Keys
            .Select(name => CultureInfo.GetCultureInfo(name).TwoLetterISOLanguageName)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(languages.Count >= 20, $"{languages.Count} languages: {string.Join(", ", languages)}");
        Assert.DoesNotContain("en", languages);
    }

    [Fact]
    public void Texts_in_languages_written_in_Latin_letters_of_GSM_7_stay_GSM_7()
    {
        // A stray curly quote or no-break space would silently halve the room: these must stay in GSM-7.
        foreach (var culture in new[] { "da", "de", "fi", "fr", "id", "it", "nb", "nl", "sv" })
        {
            Assert.Equal(SmsEncoding.Gsm7, SmsSegment.Measure(BuiltInSmsMessages.ByCulture[culture]).Encoding);
        }
    }
}
