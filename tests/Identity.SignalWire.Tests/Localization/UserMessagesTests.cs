using System.Globalization;
using Identity.SignalWire.Tests.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Identity.SignalWire.Tests.Localization;

public sealed class UserMessagesTests
{
    // What an operator's message may hold and a user's must not: a masked number's last digits and a code.
    private const string OperatorMessage = "Refused +*********23 (region US) after code 123456: SignalWire:Budgets:MaxSendsPerUser is 5.";

    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(45);

    public static TheoryData<string> Cultures => new(BuiltInUserMessages.ByCulture.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> OtherLanguages =>
        new(BuiltInUserMessages.ByCulture.Keys.Where(name => name != "en").Order(StringComparer.Ordinal));

    /// <summary>Every refusal and outage the library throws: each kind, and each limit of a send refusal.</summary>
    public static IEnumerable<SignalWireMfaException> EveryFailure() =>
        Enum.GetValues<SignalWireMfaErrorKind>()
            .Select(kind => new SignalWireMfaException(kind, OperatorMessage))
            .Concat(Enum.GetValues<SignalWireSendLimit>()
                .Select(limit => new SignalWireSendLimitException(limit, OperatorMessage, Cooldown)))
            .Append(new SignalWireSendLimitException(SignalWireSendLimit.ResendCooldown, OperatorMessage, retryAfter: null))
            .Append(new SignalWireMfaException());

    private static string Read(SignalWireMfaException exception, string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return exception.UserMessage;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static SignalWireSendLimitException Refusal(SignalWireSendLimit limit, TimeSpan? wait = null) =>
        new(limit, OperatorMessage, wait);

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_kind_and_limit_has_a_filled_in_sentence_in_every_language(string culture)
    {
        foreach (var failure in EveryFailure())
        {
            var text = Read(failure, culture);

            var what = failure is SignalWireSendLimitException refusal ? refusal.Limit.ToString() : failure.Kind.ToString();
            Assert.False(string.IsNullOrWhiteSpace(text), $"{culture}, {what}: empty");
            Assert.Equal(text.Trim(), text);
            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            Assert.DoesNotContain("}", text, StringComparison.Ordinal);
            Assert.NotEqual(OperatorMessage, text);
        }
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void No_English_is_left_in_a_non_English_table(string culture)
    {
        var words = BuiltInUserMessages.ByCulture[culture];

        foreach (var key in Enum.GetValues<UserMessageKey>())
        {
            var text = words[key];
            Assert.NotEqual(BuiltInUserMessages.English[key], text);
            foreach (var english in new[] { "Try again", "phone number", "cannot", "code was", "You ", " the ", "please" })
            {
                Assert.False(text.Contains(english, StringComparison.OrdinalIgnoreCase), $"{culture}, {key}: \"{text}\" holds \"{english}\"");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Only_the_cooldown_has_a_place_for_the_wait_and_each_unit_has_one_for_its_number(string culture)
    {
        var words = BuiltInUserMessages.ByCulture[culture];

        foreach (var key in Enum.GetValues<UserMessageKey>())
        {
            var places = words[key].Split("{0}").Length - 1;
            Assert.True(places == (key == UserMessageKey.ResendCooldown ? 1 : 0), $"{culture}, {key}: {places} places for the wait");
        }

        foreach (var unit in new[] { words.Seconds, words.Minutes, words.Hours })
        {
            Assert.Equal(2, unit.Split("{0}").Length);
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void No_sentence_holds_a_digit_in_any_script(string culture)
    {
        var words = BuiltInUserMessages.ByCulture[culture];

        foreach (var key in Enum.GetValues<UserMessageKey>())
        {
            // char.IsDigit covers Arabic-Indic, Devanagari, Thai and every other script's digits, not only 0-9.
            var text = words[key].Replace("{0}", "", StringComparison.Ordinal);
            Assert.False(text.Any(char.IsDigit), $"{culture}, {key}: \"{text}\"");
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void No_digit_of_the_number_or_the_code_in_the_operators_message_reaches_the_user(string culture)
    {
        foreach (var failure in EveryFailure())
        {
            var text = Read(failure, culture);

            // The one number a user may read is the cooldown's wait, 45.
            var digits = new string(text.Where(char.IsDigit).ToArray());
            var expected = failure is SignalWireSendLimitException { Limit: SignalWireSendLimit.ResendCooldown, RetryAfter: not null } ? "45" : "";
            Assert.Equal(expected, digits);
        }
    }

    [Fact]
    public void The_English_sentences_never_mention_an_account_or_how_many_codes_are_allowed()
    {
        foreach (var key in Enum.GetValues<UserMessageKey>())
        {
            var text = BuiltInUserMessages.English[key];
            Assert.DoesNotContain("account", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("limit", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SignalWire", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(SignalWireMfaErrorKind.Unauthorized, "No code could be sent. Try again later, or contact this site if it keeps happening.")]
    [InlineData(SignalWireMfaErrorKind.InvalidRequest, "No code could be sent. Try again later, or contact this site if it keeps happening.")]
    [InlineData(SignalWireMfaErrorKind.RateLimited, "Codes cannot be sent or checked right now. Try again in a moment.")]
    [InlineData(SignalWireMfaErrorKind.ServiceUnavailable, "Codes cannot be sent or checked right now. Try again in a moment.")]
    [InlineData(SignalWireMfaErrorKind.StoreUnavailable, "Codes cannot be sent or checked right now. Try again in a moment.")]
    public void Each_kind_of_failure_has_its_English_sentence(SignalWireMfaErrorKind kind, string expected) =>
        Assert.Equal(expected, Read(new SignalWireMfaException(kind, OperatorMessage, retryAfter: TimeSpan.FromSeconds(30)), "en-US"));

    [Theory]
    [InlineData(SignalWireSendLimit.ResendCooldown, "A code was sent a moment ago. You can ask for a new code in 45 s.")]
    [InlineData(SignalWireSendLimit.UserBudget, "You have asked for too many codes. Try again later.")]
    [InlineData(SignalWireSendLimit.ConfirmationUserBudget, "You have asked for too many codes. Try again later.")]
    [InlineData(SignalWireSendLimit.NumberBudget, "This phone number has received too many codes. Try again later.")]
    [InlineData(SignalWireSendLimit.ConfirmationNumberBudget, "This phone number has received too many codes. Try again later.")]
    [InlineData(SignalWireSendLimit.InvalidNumber, "This phone number is not valid. Check it, including the country code.")]
    [InlineData(SignalWireSendLimit.RegionNotAllowed, "This site cannot send codes to phone numbers in this country.")]
    [InlineData(SignalWireSendLimit.NumberTypeNotAllowed, "This site cannot send codes to this kind of phone number. Use a mobile number.")]
    [InlineData(SignalWireSendLimit.SiteConfirmationHourlyCap, "No code can be sent to a new phone number right now. Try again later.")]
    [InlineData(SignalWireSendLimit.SiteHourlyCap, "No code could be sent. Try again later, or contact this site if it keeps happening.")]
    [InlineData(SignalWireSendLimit.ChallengeRequired, "Please confirm that you are not a robot, then ask for a code again.")]
    public void Each_limit_has_its_English_sentence_and_only_the_cooldown_names_its_wait(SignalWireSendLimit limit, string expected) =>
        Assert.Equal(expected, Read(Refusal(limit, Cooldown), "en"));

    [Fact]
    public void Every_limit_is_put_into_words_and_a_cooldown_without_a_wait_says_in_a_moment()
    {
        Assert.Equal(Enum.GetValues<SignalWireSendLimit>().Length, EveryFailure().OfType<SignalWireSendLimitException>().Select(e => e.Limit).Distinct().Count());
        Assert.Equal("Codes cannot be sent or checked right now. Try again in a moment.", Read(Refusal(SignalWireSendLimit.ResendCooldown), "en"));
    }

    [Theory]
    [InlineData("fr-CA", "fr")]
    [InlineData("fr-FR", "fr")]
    [InlineData("de-AT", "de")]
    [InlineData("pt-BR", "pt")]
    [InlineData("pt-PT", "pt-PT")]
    [InlineData("zh-CN", "zh")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("nb-NO", "nb")]
    [InlineData("en-GB", "en")]
    [InlineData("is-IS", "en")]
    [InlineData("sw-KE", "en")]
    [InlineData("", "en")]
    public void A_culture_gets_its_own_words_or_its_parents_and_otherwise_English(string culture, string expected)
    {
        var refusal = Refusal(SignalWireSendLimit.RegionNotAllowed);

        Assert.Equal(BuiltInUserMessages.ByCulture[expected].RegionNotAllowed, Read(refusal, culture));
    }

    [Fact]
    public void The_culture_is_the_one_current_when_the_sentence_is_read_not_when_the_exception_was_thrown()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        SignalWireMfaException refusal;
        try
        {
            refusal = Refusal(SignalWireSendLimit.UserBudget);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal("Vous avez demandé trop de codes. Réessayez plus tard.", Read(refusal, "fr-FR"));
    }

    [Theory]
    [InlineData("en", 45, "in 45 s.")]
    [InlineData("en", 0.2, "in 1 s.")]
    [InlineData("en", 90, "in 90 s.")]
    [InlineData("en", 91, "in 2 min.")]
    [InlineData("en", 181, "in 4 min.")]
    [InlineData("en", 5400, "in 90 min.")]
    [InlineData("en", 7000, "in 2 h.")]
    [InlineData("fr-FR", 45, "dans 45 s.")]
    [InlineData("de-DE", 45, "in 45 Sek. anfordern.")]
    [InlineData("de-DE", 600, "in 10 Min. anfordern.")]
    [InlineData("ja-JP", 45, "45秒後")]
    [InlineData("zh-TW", 120, "2分鐘後")]
    [InlineData("ru-RU", 120, "через 2 мин.")]
    [InlineData("ar-EG", 45, "بعد 45 ث.")]
    [InlineData("tr-TR", 7200, "2 saat sonra")]
    [InlineData("hu-HU", 45, "45 másodperc múlva")]
    public void The_cooldown_names_its_wait_in_the_readers_language_rounded_up(string culture, double seconds, string expected)
    {
        var text = Read(Refusal(SignalWireSendLimit.ResendCooldown, TimeSpan.FromSeconds(seconds)), culture);

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_applications_localizer_overrides_a_sentence_and_gets_the_wait_in_words()
    {
        var localizer = new DictionaryLocalizer(new Dictionary<string, string>
        {
            ["SignalWire.ResendCooldown"] = "Acme sent you a code. Another one in {0}.",
            ["SignalWire.NumberBusy"] = "Acme: this number is resting. Try tomorrow.",
        });

        Assert.Equal("Acme sent you a code. Another one in 45 s.", Refusal(SignalWireSendLimit.ResendCooldown, Cooldown).GetUserMessage(localizer));
        Assert.Equal("Acme: this number is resting. Try tomorrow.", Refusal(SignalWireSendLimit.ConfirmationNumberBudget).GetUserMessage(localizer));
    }

    [Fact]
    public void A_sentence_the_localizer_lacks_is_the_librarys_own()
    {
        var localizer = new DictionaryLocalizer(new Dictionary<string, string> { ["SignalWire.NumberBusy"] = "Acme: resting." });
        var outage = new SignalWireMfaException(SignalWireMfaErrorKind.StoreUnavailable, OperatorMessage);

        Assert.Equal(outage.UserMessage, outage.GetUserMessage(localizer));
    }

    [Fact]
    public void The_localizer_gets_the_wait_in_the_readers_language()
    {
        var localizer = new DictionaryLocalizer(new Dictionary<string, string> { ["SignalWire.ResendCooldown"] = "Acme : encore {0}." });
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-CH");
        try
        {
            Assert.Equal("Acme : encore 45 Sek..", Refusal(SignalWireSendLimit.ResendCooldown, Cooldown).GetUserMessage(localizer));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void GetUserMessage_without_a_localizer_is_refused_by_name() =>
        Assert.Equal("localizer", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaException().GetUserMessage(null!)).ParamName);

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_key_is_the_exact_name_of_a_culture_NET_knows(string culture) =>
        Assert.Equal(culture, CultureInfo.GetCultureInfo(culture, predefinedOnly: true).Name);

    [Fact]
    public void The_user_messages_come_in_English_and_every_language_of_the_built_in_SMS_texts() =>
        Assert.Equal(
            BuiltInSmsMessages.ByCulture.Keys.Append("en").Order(StringComparer.OrdinalIgnoreCase),
            BuiltInUserMessages.ByCulture.Keys.Order(StringComparer.OrdinalIgnoreCase));

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/localisation.md")]
    public void The_README_and_the_localisation_page_list_every_English_sentence(string page)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Root, page));

        foreach (var key in Enum.GetValues<UserMessageKey>())
        {
            // The cooldown's sentence is listed with an example wait or with {0}: both halves must be there.
            foreach (var part in BuiltInUserMessages.English[key].Split("{0}"))
            {
                Assert.True(text.Contains(part, StringComparison.Ordinal), $"{page} does not list \"{part}\" ({key}).");
            }
        }
    }

    /// <summary>An application's words, as a .resx-backed localizer would give them: a name it lacks is "not found".</summary>
    private sealed class DictionaryLocalizer(Dictionary<string, string> texts) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            texts.TryGetValue(name, out var text) ? new(name, text) : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            texts.TryGetValue(name, out var text)
                ? new(name, string.Format(CultureInfo.CurrentCulture, text, arguments))
                : new(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
            texts.Select(pair => new LocalizedString(pair.Key, pair.Value));
    }
}
