using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Settings for sending and checking sign-in codes through SignalWire's MFA API. Bound from the
/// <c>"SignalWire"</c> configuration section by <c>AddSignalWireTokenProviders()</c> and validated when the
/// application starts.
/// </summary>
public sealed class SignalWireMfaOptions
{
    /// <summary>
    /// Gets or sets the SignalWire space: <c>"example"</c> for <c>https://example.signalwire.com</c>.
    /// Ignored when <see cref="BaseAddress"/> is set. Defaults to <see langword="null"/>.
    /// </summary>
    public string? SpaceName { get; set; }

    /// <summary>
    /// Gets or sets the REST base address, overriding <see cref="SpaceName"/>: an emulator or a proxy, for example
    /// <c>http://127.0.0.1:5080/api/relay/rest/</c>. Must be https unless it is a loopback address.
    /// Defaults to <see langword="null"/>.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the SignalWire project ID (the Basic auth user name). Required.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// Gets or sets the SignalWire API token (the Basic auth password). Required. It needs the scope SignalWire's
    /// docs name for MFA ("Management"). Never printed by <see cref="ToString"/>, logged or put in an exception.
    /// </summary>
    public string? ApiToken { get; set; }

    /// <summary>
    /// Gets or sets the E.164 number codes are sent from. Defaults to <see langword="null"/>: SignalWire uses its own
    /// verified number. Older SignalWire docs say a custom <see cref="SmsMessage"/> needs your own number here.
    /// </summary>
    public string? From { get; set; }

    /// <summary>
    /// Gets or sets the SMS text sent before the code in a language that neither <see cref="SmsMessages"/> nor the
    /// built-in texts cover, English included. Text and code must fit in one SMS segment: 160 GSM-7 septets,
    /// or 70 UTF-16 units when any character is outside GSM-7. Defaults to <see langword="null"/>: SignalWire's
    /// "Your Personal Authorization Code is:".
    /// </summary>
    public string? SmsMessage { get; set; }

    /// <summary>
    /// Gets the SMS texts by culture name, such as <c>"fr"</c> or <c>"fr-CA"</c>: each replaces the built-in text for
    /// that culture or adds a language. The code is sent with the text of <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>
    /// (or of the culture an <see cref="ISignalWireCultureSelector{TUser}"/> picks), else of its parent (fr-CA, then fr),
    /// else <see cref="SmsMessage"/>. Each text must fit one SMS segment with the code, like <see cref="SmsMessage"/>.
    /// Keys ignore case. Defaults to empty.
    /// </summary>
    public IDictionary<string, string> SmsMessages { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets whether the library's own SMS texts, in more than 20 languages, are used for cultures that
    /// <see cref="SmsMessages"/> has no text for. English has no built-in text, so English users get <see cref="SmsMessage"/>
    /// unless <see cref="SmsMessages"/> holds an English one.
    /// Defaults to <see langword="true"/>.
    /// </summary>
    public bool UseBuiltInSmsMessages { get; set; } = true;

    /// <summary>
    /// Gets or sets the text spoken before the code on a voice call, at most 500 characters.
    /// Defaults to <see langword="null"/>: SignalWire's "Your Personal Authorization Code is".
    /// </summary>
    public string? CallMessage { get; set; }

    /// <summary>
    /// Gets the call texts by culture name, chosen like <see cref="SmsMessages"/>, each at most 500 characters.
    /// There are no built-in call texts: SignalWire's MFA API has no voice or language setting, so a text in another
    /// language would be read by the same (English) voice; set one only for a language that voice reads well enough.
    /// Cultures without a text get <see cref="CallMessage"/>. Keys ignore case. Defaults to empty.
    /// </summary>
    public IDictionary<string, string> CallMessages { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the number of characters in a code, from 4 to 20. Defaults to 6.</summary>
    [Range(4, 20)]
    public int TokenLength { get; set; } = 6;

    /// <summary>
    /// Gets or sets whether codes may contain the letters A-Z as well as digits. Defaults to <see langword="false"/>.
    /// Input is upper-cased before it is checked, so users may type letters in either case.
    /// </summary>
    public bool AllowAlphas { get; set; }

    /// <summary>Gets or sets how long a code can be used, from 1 second to 7 days. Defaults to 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how many times a code can be tried, the first included, from 1 to 20. Defaults to 3.
    /// </summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets whether two-factor codes are only sent to a confirmed phone number. Codes that confirm a new
    /// number (purpose <c>ChangePhoneNumber:{number}</c>) are always sent. Defaults to <see langword="true"/>.
    /// </summary>
    public bool RequireConfirmedPhoneNumber { get; set; } = true;

    /// <summary>
    /// Gets or sets how long one call to SignalWire may take before it counts as the service being unavailable,
    /// from 1 millisecond to 5 minutes. Defaults to 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the opt-in circuit breaker's settings (<c>SignalWire:CircuitBreaker</c>): off unless
    /// <see cref="SignalWireCircuitBreakerOptions.Enabled"/> is set. Defaults to a disabled breaker.
    /// </summary>
    [ValidateObjectMembers]
    public SignalWireCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>
    /// Gets or sets how long a user waits before another code for the same purpose is sent, from zero (no cooldown)
    /// to 1 hour. Answers the user (or a script) pressing "resend" again and again. Defaults to 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets the send budgets (<c>SignalWire:Budgets</c>): how many codes a user, a number and the whole site may be sent
    /// in a window, for sign-in codes and, apart, for codes that confirm a new number.
    /// </summary>
    [ValidateObjectMembers]
    public SignalWireSendBudgetOptions Budgets { get; } = new();

    /// <summary>
    /// Gets the regions codes may be sent to, as ISO 3166-1 alpha-2 codes such as <c>["US", "CA"]</c> (<c>"001"</c>
    /// for non-geographic numbers); empty allows every region. Regions, not calling codes: "US" and "CA" do not admit
    /// the Caribbean countries that share +1. Defaults to empty.
    /// </summary>
    public IList<string> AllowedRegions { get; } = new List<string>();

    /// <summary>
    /// Gets the kinds of number codes are never sent to. Add <see cref="SignalWireNumberType.Voip"/>,
    /// <see cref="SignalWireNumberType.Uan"/>, <see cref="SignalWireNumberType.Pager"/> or
    /// <see cref="SignalWireNumberType.Unknown"/> to refuse more. Defaults to
    /// <see cref="SignalWireNumberType.PremiumRate"/> and <see cref="SignalWireNumberType.SharedCost"/>.
    /// </summary>
    public IList<SignalWireNumberType> RefusedNumberTypes { get; } = new List<SignalWireNumberType>
    {
        SignalWireNumberType.PremiumRate,
        SignalWireNumberType.SharedCost,
    };

    /// <summary>
    /// Gets the site-wide SMS-pumping guard: per region, codes sent against codes verified, shared by every instance.
    /// </summary>
    [ValidateObjectMembers]
    public SignalWirePumpingGuardOptions PumpingGuard { get; } = new();

    /// <summary>
    /// Gets or sets the secret, at least 32 characters, that keys the hashes of user ids and numbers in the cache.
    /// Defaults to <see langword="null"/>: a random key is made once, protected with the application's Data Protection
    /// keys and shared through the distributed cache (instances must then share Data Protection keys).
    /// Never printed by <see cref="ToString"/>.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every distributed-cache key this library writes.
    /// Defaults to <c>"Identity.SignalWire:"</c>.
    /// </summary>
    public string CacheKeyPrefix { get; set; } = SignalWireDefaults.CacheKeyPrefix;

    /// <summary>
    /// Gets or sets whether one instance alone serves the site, so that pending codes, cooldowns and send budgets may
    /// live in this process's memory (<c>AddDistributedMemoryCache()</c>, which Razor Pages and MVC also register on
    /// their own) outside Development. Defaults to <see langword="false"/>: outside Development, an in-memory cache
    /// stops start-up, because a second instance would see none of the codes and count none of the sends.
    /// </summary>
    public bool SingleInstance { get; set; }

    /// <summary>Gets the REST base address to call, from <see cref="BaseAddress"/> or <see cref="SpaceName"/>.</summary>
    internal Uri ResolveBaseAddress()
    {
        var address = BaseAddress ?? SignalWireDefaults.BaseAddressForSpace(SpaceName!);

        // A base address without a trailing slash would drop its last segment when relative routes are resolved.
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/", UriKind.Absolute);
    }

    /// <summary>Describes the settings without the API token.</summary>
    /// <returns>The settings, the token shown only as set or not set.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("SignalWireMfaOptions { ");
        text.Append("SpaceName = ").Append(SpaceName)
            .Append(", BaseAddress = ").Append(BaseAddress)
            .Append(", ProjectId = ").Append(ProjectId)
            .Append(", ApiToken = ").Append(string.IsNullOrEmpty(ApiToken) ? "(not set)" : "(set)")
            .Append(", From = ").Append(E164PhoneNumber.Mask(From))
            .Append(", SmsMessages = [").AppendJoin(", ", SmsMessages.Keys).Append(']')
            .Append(", UseBuiltInSmsMessages = ").Append(UseBuiltInSmsMessages)
            .Append(", CallMessages = [").AppendJoin(", ", CallMessages.Keys).Append(']')
            .Append(", TokenLength = ").Append(TokenLength)
            .Append(", AllowAlphas = ").Append(AllowAlphas)
            .Append(", ValidFor = ").Append(ValidFor)
            .Append(", MaxAttempts = ").Append(MaxAttempts)
            .Append(", RequireConfirmedPhoneNumber = ").Append(RequireConfirmedPhoneNumber)
            .Append(", Timeout = ").Append(Timeout)
            .Append(", CircuitBreaker = ").Append(CircuitBreaker)
            .Append(", ResendCooldown = ").Append(ResendCooldown)
            .Append(", Budgets = ").Append(Budgets)
            .Append(", AllowedRegions = [").AppendJoin(", ", AllowedRegions).Append(']')
            .Append(", RefusedNumberTypes = [").AppendJoin(", ", RefusedNumberTypes).Append(']')
            .Append(", PumpingGuard = ").Append(PumpingGuard)
            .Append(", HashKey = ").Append(string.IsNullOrEmpty(HashKey) ? "(not set)" : "(set)")
            .Append(", CacheKeyPrefix = ").Append(CacheKeyPrefix)
            .Append(", SingleInstance = ").Append(SingleInstance)
            .Append(" }");
        return text.ToString();
    }
}
