using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

/// <summary>
/// Checks the rules of <see cref="SignalWireMfaOptions"/> that a range cannot say, when the application starts, and
/// lists every problem at once with the setting's name, so that a misconfigured site fails at start-up rather than at a
/// login: credentials and address, the SMS text against the code length, cultures, regions, the hash key, the cache.
/// The ranges are on the properties and checked by <see cref="SignalWireMfaOptionsRanges"/>.
/// </summary>
/// <param name="services">
/// The application's services, to check the cache; <see langword="null"/> (the rule tests) checks the settings alone.
/// </param>
internal sealed class SignalWireMfaOptionsValidator(IServiceProvider? services = null)
    : IValidateOptions<SignalWireMfaOptions>
{
    private const string Section = SignalWireDefaults.ConfigurationSectionName;
    internal const int MaxCallMessageLength = 500;
    internal const int MinHashKeyLength = 32;

    // libphonenumber's region of non-geographic numbers (+800, +882, ...).
    private const string GlobalRegion = "001";

    public ValidateOptionsResult Validate(string? name, SignalWireMfaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            problems.Add($"{Section}:ProjectId is missing: set it to your SignalWire project ID.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiToken))
        {
            problems.Add($"{Section}:ApiToken is missing: set it to a SignalWire API token (keep it in user secrets or the environment, not in appsettings.json).");
        }

        ValidateAddress(options, problems);

        if (options.From is not null && !E164PhoneNumber.IsValid(options.From))
        {
            problems.Add($"{Section}:From ({E164PhoneNumber.Mask(options.From)}) must be {E164PhoneNumber.Rule}, or left unset.");
        }

        ValidateMessages(options, problems);

        ValidateDestinations(options, problems);

        // The region tier is for volume no range tier sees: at or below the range minimum it would trip first on
        // every attack on one range and stop the whole region, which the range tier exists to spare.
        if (options.PumpingGuard.RegionMinimumSends <= options.PumpingGuard.MinimumSends)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Section}:PumpingGuard:RegionMinimumSends ({options.PumpingGuard.RegionMinimumSends}) must be greater than {Section}:PumpingGuard:MinimumSends ({options.PumpingGuard.MinimumSends}): the region tier catches attacks spread over many ranges, each below the range minimum."));
        }

        if (options.HashKey is { Length: > 0 and < MinHashKeyLength })
        {
            problems.Add($"{Section}:HashKey has {options.HashKey.Length} characters; it must have at least {MinHashKeyLength}, or be left unset.");
        }

        if (options.CacheKeyPrefix is null)
        {
            problems.Add($"{Section}:CacheKeyPrefix must not be null; use an empty string for no prefix.");
        }
        else if (options.CacheKeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            problems.Add($"{Section}:CacheKeyPrefix \"{options.CacheKeyPrefix}\" must not hold '{{' or '}}': the library wraps it in a Redis Cluster hash tag so that all budgets of a send live in one slot.");
        }

        ValidateCache(options, problems);

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void ValidateCache(SignalWireMfaOptions options, List<string> problems)
    {
        if (services is null)
        {
            return;
        }

        if (services.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(IDistributedCache)))
        {
            problems.Add("No IDistributedCache is registered: call services.AddStackExchangeRedisCache(...) when several instances serve the site, or services.AddDistributedMemoryCache() for a single instance.");
            return;
        }

        // An error, not a warning: with a second instance, codes sent by one cannot be checked by the other, and every
        // cooldown, send budget and pumping-guard count is kept per process, so the abuse limits multiply by the number
        // of instances without a sign. Security code fails closed; one setting says one instance is meant. Without a host
        // (no IHostEnvironment: a bare ServiceCollection, a test or a tool) there is no deployment to protect.
        if (options.SingleInstance
            || services.GetService<IHostEnvironment>() is not { } environment
            || environment.IsDevelopment()
            || services.GetService<IDistributedCache>() is not MemoryDistributedCache)
        {
            return;
        }

        problems.Add(
            $"The IDistributedCache keeps codes in this process's memory (MemoryDistributedCache, registered by AddDistributedMemoryCache() or, "
            + $"silently, by Razor Pages and MVC), and the environment is '{environment.EnvironmentName}': a second instance would "
            + "neither check the codes this one sent nor count its sends. Register a shared cache, such as "
            + "services.AddStackExchangeRedisCache(...), or, if one instance alone serves the site, set "
            + $"{Section}:SingleInstance to true.");
    }

    private static void ValidateAddress(SignalWireMfaOptions options, List<string> problems)
    {
        if (options.BaseAddress is { } address)
        {
            if (!address.IsAbsoluteUri)
            {
                problems.Add($"{Section}:BaseAddress must be an absolute URI such as https://example.signalwire.com/api/relay/rest/.");
            }
            else if (address.Scheme != Uri.UriSchemeHttps && !(address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))
            {
                problems.Add($"{Section}:BaseAddress must use https; plain http is allowed only for a loopback address (an emulator on 127.0.0.1).");
            }
            else if (!string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment) || !string.IsNullOrEmpty(address.UserInfo))
            {
                problems.Add($"{Section}:BaseAddress must not carry a query, a fragment or credentials; set ProjectId and ApiToken instead.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(options.SpaceName))
        {
            problems.Add($"{Section}:SpaceName is missing: set it to your space's name (\"example\" for example.signalwire.com), or set {Section}:BaseAddress.");
        }
        else if (!IsHostLabel(options.SpaceName))
        {
            problems.Add($"{Section}:SpaceName \"{options.SpaceName}\" must be only the first part of your space's host name: letters, digits and dashes (\"example\" for example.signalwire.com).");
        }
    }

    private static void ValidateDestinations(SignalWireMfaOptions options, List<string> problems)
    {
        foreach (var region in options.AllowedRegions)
        {
            if (region is null || !(region == GlobalRegion || (region.Length == 2 && PhoneNumberFacts.IsKnownRegion(region))))
            {
                problems.Add($"{Section}:AllowedRegions holds \"{region}\"; each entry must be an ISO 3166-1 alpha-2 region with phone numbers, such as \"US\" or \"GB\" (\"001\" for non-geographic numbers).");
            }
        }

        foreach (var type in options.RefusedNumberTypes)
        {
            if (!Enum.IsDefined(type))
            {
                problems.Add($"{Section}:RefusedNumberTypes holds {type}; each entry must be one of {string.Join(", ", Enum.GetNames<SignalWireNumberType>())}.");
            }
        }

    }

    private static void ValidateMessages(SignalWireMfaOptions options, List<string> problems)
    {
        if (options.SmsMessage is not null)
        {
            ValidateSmsText($"{Section}:SmsMessage", options.SmsMessage, options.TokenLength, "leave it unset for SignalWire's default text", problems);
        }

        // The built-in texts are not measured here: a test holds each to one segment with a 20-character code, the
        // longest SignalWire sends, so they fit whatever TokenLength passes the check above.
        foreach (var (culture, text) in options.SmsMessages)
        {
            var setting = $"{Section}:SmsMessages:{culture}";
            if (ValidateCultureName(setting, culture, problems))
            {
                ValidateSmsText(setting, text ?? string.Empty, options.TokenLength, "remove it to fall back to the parent culture's text or SmsMessage", problems);
            }
        }

        if (options.CallMessage is not null)
        {
            ValidateCallText($"{Section}:CallMessage", options.CallMessage, problems);
        }

        foreach (var (culture, text) in options.CallMessages)
        {
            var setting = $"{Section}:CallMessages:{culture}";
            if (ValidateCultureName(setting, culture, problems))
            {
                ValidateCallText(setting, text ?? string.Empty, problems);
            }
        }
    }

    // A key .NET does not know as a culture would never match a request, so its text would silently go unused.
    private static bool ValidateCultureName(string setting, string culture, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            problems.Add($"{setting} has no culture name; set the text for every other language in {Section}:SmsMessage or {Section}:CallMessage instead.");
            return false;
        }

        try
        {
            CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
            return true;
        }
        catch (CultureNotFoundException)
        {
            problems.Add($"{setting}: \"{culture}\" is not a culture .NET knows; use a culture name such as \"fr\" or \"fr-CA\".");
            return false;
        }
    }

    private static void ValidateSmsText(string setting, string text, int tokenLength, string whenEmpty, List<string> problems)
    {
        if (text.Length == 0)
        {
            problems.Add($"{setting} is empty; {whenEmpty}.");
            return;
        }

        // The phone shows "{message} {code}", and codes use only digits and A-Z, which are GSM-7.
        tokenLength = Math.Clamp(tokenLength, 4, 20);
        var length = SmsSegment.Measure($"{text} {new string('0', tokenLength)}");
        if (!length.Fits)
        {
            var unit = length.Encoding == SmsEncoding.Gsm7 ? "GSM-7 septets" : "UTF-16 units (a character outside GSM-7 makes the SMS UCS-2)";
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{setting} with a space and a {tokenLength}-character code takes {length.Used} {unit}; one SMS segment holds {length.Limit}. Shorten the message by {length.Used - length.Limit}."));
        }
    }

    private static void ValidateCallText(string setting, string text, List<string> problems)
    {
        if (text.Length is 0 or > MaxCallMessageLength)
        {
            problems.Add($"{setting} has {text.Length} characters; it must have from 1 to {MaxCallMessageLength}, or be left unset.");
        }
    }

    private static bool IsHostLabel(string value) =>
        value.Length <= 63 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && value[0] != '-' && value[^1] != '-';
}
