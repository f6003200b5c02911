using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire.Tests.Configuration;

public sealed partial class OptionsValidationTests
{
    // What the source-generated validator says of a setting out of its [Range]: the member, then the path from the options.
    private static string OutOfRange(string path, string min, string max) =>
        $"{path[(path.LastIndexOf('.') + 1)..]}: The field SignalWireMfaOptions.{path} must be between {min} and {max}.";

    private static SignalWireMfaOptions Valid() => new() { SpaceName = "example", ProjectId = "p", ApiToken = "secret-token" };

    // Both validators, in the order AddSignalWireTokenProviders registers them: the ranges, then the other rules.
    private static IReadOnlyList<string> Problems(SignalWireMfaOptions options) =>
    [
        .. new SignalWireMfaOptionsRanges().Validate(null, options) is { Failed: true } ranges ? ranges.Failures : [],
        .. new SignalWireMfaOptionsValidator().Validate(null, options) is { Failed: true } rules ? rules.Failures : [],
    ];

    [Fact]
    public void The_defaults_with_credentials_and_a_space_are_valid() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void Every_problem_is_listed_at_once_with_the_settings_name()
    {
        var problems = Problems(new SignalWireMfaOptions
        {
            TokenLength = 3,
            MaxAttempts = 21,
            ValidFor = TimeSpan.Zero,
            Timeout = TimeSpan.Zero,
            From = "555",
            CallMessage = new string('a', 501),
        });

        Assert.Collection(
            problems,
            p => Assert.Equal(OutOfRange("TokenLength", "4", "20"), p),
            p => Assert.Equal(OutOfRange("ValidFor", "00:00:01", "7.00:00:00"), p),
            p => Assert.Equal(OutOfRange("MaxAttempts", "1", "20"), p),
            p => Assert.Equal(OutOfRange("Timeout", "00:00:00.0010000", "00:05:00"), p),
            p => Assert.StartsWith("SignalWire:ProjectId is missing", p, StringComparison.Ordinal),
            p => Assert.StartsWith("SignalWire:ApiToken is missing", p, StringComparison.Ordinal),
            p => Assert.StartsWith("SignalWire:SpaceName is missing", p, StringComparison.Ordinal),
            p => Assert.StartsWith("SignalWire:From", p, StringComparison.Ordinal),
            p => Assert.Equal("SignalWire:CallMessage has 501 characters; it must have from 1 to 500, or be left unset.", p));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void TokenLength_is_4_to_20(int length, bool valid) =>
        Assert.Equal(valid, Problems(WithTokenLength(length)).Count == 0);

    [Theory]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(0, false)]
    public void MaxAttempts_is_1_to_20(int attempts, bool valid)
    {
        var options = Valid();
        options.MaxAttempts = attempts;
        Assert.Equal(valid, Problems(options).Count == 0);
    }

    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("00:00:00.500", false)]
    [InlineData("7.00:00:01", false)]
    public void ValidFor_is_one_second_to_seven_days(string validFor, bool valid)
    {
        var options = Valid();
        options.ValidFor = TimeSpan.Parse(validFor, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(valid, Problems(options).Count == 0);
    }

    [Theory]
    [InlineData("https://proxy.example.com/signalwire/", true)]
    [InlineData("http://127.0.0.1:5080/api/relay/rest/", true)]
    [InlineData("http://localhost:5080/api/relay/rest/", true)]
    [InlineData("http://[::1]:5080/", true)]
    [InlineData("http://proxy.example.com/", false)]
    [InlineData("https://user:pw@proxy.example.com/", false)]
    [InlineData("https://proxy.example.com/?token=1", false)]
    public void BaseAddress_is_https_unless_it_is_loopback(string address, bool valid)
    {
        var options = Valid();
        options.SpaceName = null;
        options.BaseAddress = new Uri(address);
        Assert.Equal(valid, Problems(options).Count == 0);
    }

    [Theory]
    [InlineData("example.signalwire.com")]
    [InlineData("https://example")]
    [InlineData("-example")]
    public void SpaceName_is_only_the_first_label_of_the_host(string space)
    {
        var options = Valid();
        options.SpaceName = space;
        Assert.Contains("SignalWire:SpaceName", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_SMS_message_must_leave_room_in_one_GSM7_segment_for_a_space_and_the_code()
    {
        // 153 characters + a space + a 6-digit code = 160 septets: exactly one segment.
        Assert.Empty(Problems(WithSmsMessage(new string('a', 153))));

        var problem = Assert.Single(Problems(WithSmsMessage(new string('a', 154))));
        Assert.Equal("SignalWire:SmsMessage with a space and a 6-character code takes 161 GSM-7 septets; one SMS segment holds 160. Shorten the message by 1.", problem);
    }

    [Fact]
    public void A_euro_sign_takes_two_septets_of_the_SMS_message()
    {
        Assert.Empty(Problems(WithSmsMessage("€" + new string('a', 151))));
        Assert.Contains("takes 161 GSM-7 septets", Assert.Single(Problems(WithSmsMessage("€" + new string('a', 152)))), StringComparison.Ordinal);
    }

    [Fact]
    public void One_emoji_switches_the_SMS_message_to_the_70_unit_limit()
    {
        // An emoji is two UTF-16 units: 61 + 2 + a space + 6 = 70.
        Assert.Empty(Problems(WithSmsMessage(new string('a', 61) + "🔐")));
        var problem = Assert.Single(Problems(WithSmsMessage(new string('a', 62) + "🔐")));
        Assert.Contains("71 UTF-16 units", problem, StringComparison.Ordinal);
        Assert.Contains("holds 70", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_code_leaves_less_room_for_the_SMS_message()
    {
        var options = WithSmsMessage(new string('a', 153));
        options.TokenLength = 8;
        Assert.Contains("takes 162 GSM-7 septets", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    [InlineData(0, false)]
    public void The_call_message_has_at_most_500_characters(int length, bool valid)
    {
        var options = Valid();
        options.CallMessage = new string('a', length);
        Assert.Equal(valid, Problems(options).Count == 0);
    }

    [Theory]
    [InlineData("ResendCooldown", "-00:00:01", "00:00:00", "01:00:00")]
    [InlineData("ResendCooldown", "01:00:01", "00:00:00", "01:00:00")]
    [InlineData("Budgets.UserSendWindow", "00:00:59", "00:01:00", "7.00:00:00")]
    [InlineData("Budgets.NumberSendWindow", "8.00:00:00", "00:01:00", "7.00:00:00")]
    public void Send_budget_windows_have_ranges(string path, string value, string min, string max)
    {
        var options = Valid();
        object target = path.StartsWith("Budgets.", StringComparison.Ordinal) ? options.Budgets : options;
        target.GetType().GetProperty(path[(path.LastIndexOf('.') + 1)..])!.SetValue(target, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(OutOfRange(path, min, max), Assert.Single(Problems(options)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Send_budgets_have_ranges(int count)
    {
        var options = Valid();
        options.Budgets.MaxSendsPerUser = count;
        Assert.Equal(OutOfRange("Budgets.MaxSendsPerUser", "1", "1000"), Assert.Single(Problems(options)));
    }

    [Theory]
    [InlineData("+1")]
    [InlineData("1")]
    [InlineData("USA")]
    [InlineData("XX")]
    [InlineData("")]
    public void Allowed_regions_are_ISO_3166_alpha_2_codes_with_phone_numbers(string region)
    {
        var options = Valid();
        options.AllowedRegions.Add("US");
        options.AllowedRegions.Add("gb");
        options.AllowedRegions.Add("001");
        options.AllowedRegions.Add(region);
        Assert.Contains("SignalWire:AllowedRegions holds \"" + region + "\"", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_number_types_must_be_known_kinds()
    {
        var options = Valid();
        options.RefusedNumberTypes.Add((SignalWireNumberType)99);
        Assert.StartsWith("SignalWire:RefusedNumberTypes holds 99;", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_abuse_limits_have_ranges_and_every_problem_is_listed()
    {
        var options = Valid();
        options.Budgets.MaxConfirmationSendsPerUser = 0;
        options.Budgets.MaxConfirmationSendsPerNumber = 1001;
        options.Budgets.ConfirmationSendWindow = TimeSpan.FromSeconds(1);
        options.Budgets.MaxSiteSendsPerHour = 0;
        options.PumpingGuard.Window = TimeSpan.FromDays(2);
        options.PumpingGuard.MinimumSends = 0;
        options.PumpingGuard.RegionMinimumSends = 1;
        options.PumpingGuard.MinimumVerifiedRatio = 1.5;
        options.PumpingGuard.CoolOff = TimeSpan.Zero;
        options.PumpingGuard.ClearanceLifetime = TimeSpan.FromHours(2);
        options.CacheKeyPrefix = "app{1}:";

        Assert.Equal(
            [
                OutOfRange("Budgets.MaxConfirmationSendsPerUser", "1", "1000"),
                OutOfRange("Budgets.MaxConfirmationSendsPerNumber", "1", "1000"),
                OutOfRange("Budgets.ConfirmationSendWindow", "00:01:00", "7.00:00:00"),
                OutOfRange("Budgets.MaxSiteSendsPerHour", "1", "10000000"),
                OutOfRange("PumpingGuard.Window", "00:01:00", "1.00:00:00"),
                OutOfRange("PumpingGuard.MinimumSends", "1", "1000000"),
                OutOfRange("PumpingGuard.RegionMinimumSends", "2", "1000000"),
                OutOfRange("PumpingGuard.MinimumVerifiedRatio", "0", "1"),
                OutOfRange("PumpingGuard.CoolOff", "00:01:00", "7.00:00:00"),
                OutOfRange("PumpingGuard.ClearanceLifetime", "00:01:00", "01:00:00"),
                "SignalWire:CacheKeyPrefix \"app{1}:\" must not hold '{' or '}': the library wraps it in a Redis Cluster hash tag so that all budgets of a send live in one slot.",
            ],
            Problems(options));
    }

    [Fact]
    public void The_region_tier_must_have_a_higher_minimum_than_the_range_tier()
    {
        var options = Valid();
        options.PumpingGuard.MinimumSends = 80;
        options.PumpingGuard.RegionMinimumSends = 80;

        Assert.Equal(
            "SignalWire:PumpingGuard:RegionMinimumSends (80) must be greater than SignalWire:PumpingGuard:MinimumSends (80): the region tier catches attacks spread over many ranges, each below the range minimum.",
            Assert.Single(Problems(options)));
    }

    [Fact]
    public void A_short_HashKey_is_refused()
    {
        var options = Valid();
        options.HashKey = "too-short";
        Assert.Equal("SignalWire:HashKey has 9 characters; it must have at least 32, or be left unset.", Assert.Single(Problems(options)));
    }

    [Fact]
    public void ToString_never_shows_the_API_token()
    {
        var options = Valid();
        options.ApiToken = "PTsuper-secret-value";
        options.HashKey = "hash-key-secret-0123456789abcdefgh";
        options.From = "+12015550100";

        var text = options.ToString();

        Assert.DoesNotContain("PTsuper-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2015550100", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash-key-secret", text, StringComparison.Ordinal);
        Assert.Contains("ApiToken = (set)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misconfigured_app_fails_at_start_up_with_every_problem_and_no_token()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddIdentityCore<Microsoft.AspNetCore.Identity.IdentityUser>()
            .AddSignalWireTokenProviders(options =>
            {
                options.ApiToken = "PTsuper-secret-value";
                options.TokenLength = 30;
            });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SignalWire:ProjectId is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignalWire:SpaceName is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(OutOfRange("TokenLength", "4", "20"), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PTsuper-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_a_distributed_cache_fails_at_start_up_saying_which_to_add()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddIdentityCore<Microsoft.AspNetCore.Identity.IdentityUser>()
            .AddSignalWireTokenProviders(options =>
            {
                options.SpaceName = "example";
                options.ProjectId = "p";
                options.ApiToken = "t";
            });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("No IDistributedCache is registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddStackExchangeRedisCache", error.Message, StringComparison.Ordinal);
    }

    private static SignalWireMfaOptions WithSmsMessage(string message)
    {
        var options = Valid();
        options.SmsMessage = message;
        return options;
    }

    private static SignalWireMfaOptions WithTokenLength(int length)
    {
        var options = Valid();
        options.TokenLength = length;
        return options;
    }
}
