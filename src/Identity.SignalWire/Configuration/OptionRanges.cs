namespace Identity.SignalWire;

/// <summary>
/// The allowed range of every bounded setting, written once. The validator checks values against these bounds and
/// puts <see cref="OptionRange{T}.Allowed"/> in its message; a test checks that each setting's XML doc holds
/// <see cref="OptionRange{T}.Doc"/> and that the README's configuration table holds <see cref="OptionRange{T}.Readme"/>,
/// so that the three cannot drift apart.
/// </summary>
internal static class OptionRanges
{
    private const string Section = SignalWireDefaults.ConfigurationSectionName;
    private const string Breaker = Section + ":CircuitBreaker";
    private const string Guard = Section + ":PumpingGuard";

    public static readonly OptionRange<int> TokenLength =
        new($"{Section}:TokenLength", 4, 20, "from 4 to 20", "from 4 to 20", "4–20");

    public static readonly OptionRange<int> MaxAttempts =
        new($"{Section}:MaxAttempts", 1, 20, "from 1 to 20", "from 1 to 20", "1–20");

    public static readonly OptionRange<TimeSpan> ValidFor = new(
        $"{Section}:ValidFor", TimeSpan.FromSeconds(1), TimeSpan.FromDays(7),
        "from 00:00:01 (1 second) to 7.00:00:00 (7 days)", "from 1 second to 7 days", "1 s – 7 days");

    public static readonly OptionRange<TimeSpan> Timeout = new(
        $"{Section}:Timeout", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5),
        "from 00:00:00.001 (1 millisecond) to 00:05:00 (5 minutes)", "from 1 millisecond to 5 minutes", "1 ms – 5 min");

    public static readonly OptionRange<TimeSpan> ResendCooldown = new(
        $"{Section}:ResendCooldown", TimeSpan.Zero, TimeSpan.FromHours(1),
        "from 00:00:00 (none) to 01:00:00 (1 hour)", "from zero (no cooldown) to 1 hour", "0 – 1 h");

    public static readonly OptionRange<int> MaxSendsPerUser =
        new($"{Section}:MaxSendsPerUser", 1, 1000, "from 1 to 1000", "from 1 to 1,000", "1–1000");

    public static readonly OptionRange<TimeSpan> UserSendWindow = new(
        $"{Section}:UserSendWindow", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7),
        "from 00:01:00 (1 minute) to 7.00:00:00 (7 days)", "from 1 minute to 7 days", "1 min – 7 days");

    public static readonly OptionRange<int> MaxSendsPerNumber =
        new($"{Section}:MaxSendsPerNumber", 1, 1000, "from 1 to 1000", "from 1 to 1,000", "1–1000");

    public static readonly OptionRange<TimeSpan> NumberSendWindow = new(
        $"{Section}:NumberSendWindow", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7),
        "from 00:01:00 (1 minute) to 7.00:00:00 (7 days)", "from 1 minute to 7 days", "1 min – 7 days");

    public static readonly OptionRange<int> MaxConfirmationSendsPerUser =
        new($"{Section}:MaxConfirmationSendsPerUser", 1, 1000, "from 1 to 1000", "from 1 to 1,000", "1–1000");

    public static readonly OptionRange<int> MaxConfirmationSendsPerNumber =
        new($"{Section}:MaxConfirmationSendsPerNumber", 1, 1000, "from 1 to 1000", "from 1 to 1,000", "1–1000");

    public static readonly OptionRange<TimeSpan> ConfirmationSendWindow = new(
        $"{Section}:ConfirmationSendWindow", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7),
        "from 00:01:00 (1 minute) to 7.00:00:00 (7 days)", "from 1 minute to 7 days", "1 min – 7 days");

    public static readonly OptionRange<int> MaxSiteSendsPerHour =
        new($"{Section}:MaxSiteSendsPerHour", 1, 10_000_000, "from 1 to 10,000,000", "from 1 to 10,000,000", "1 – 10,000,000");

    public static readonly OptionRange<TimeSpan> GuardWindow = new(
        $"{Guard}:Window", TimeSpan.FromMinutes(1), TimeSpan.FromDays(1),
        "from 00:01:00 (1 minute) to 1.00:00:00 (1 day)", "from 1 minute to 1 day", "1 min – 1 day");

    public static readonly OptionRange<int> GuardMinimumSends =
        new($"{Guard}:MinimumSends", 1, 1_000_000, "from 1 to 1,000,000", "from 1 to 1,000,000", "1 – 1,000,000");

    public static readonly OptionRange<TimeSpan> GuardCoolOff = new(
        $"{Guard}:CoolOff", TimeSpan.FromMinutes(1), TimeSpan.FromDays(7),
        "from 00:01:00 (1 minute) to 7.00:00:00 (7 days)", "from 1 minute to 7 days", "1 min – 7 days");

    public static readonly OptionRange<int> BreakerMinimumThroughput =
        new($"{Breaker}:MinimumThroughput", 2, 1000, "from 2 to 1000", "from 2 to 1,000", "2–1,000");

    public static readonly OptionRange<TimeSpan> BreakerSamplingDuration = new(
        $"{Breaker}:SamplingDuration", TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1),
        "from 00:00:00.5 (half a second) to 01:00:00 (1 hour)", "from 0.5 seconds to 1 hour", "0.5 s – 1 h");

    public static readonly OptionRange<TimeSpan> BreakerBreakDuration = new(
        $"{Breaker}:BreakDuration", TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1),
        "from 00:00:00.5 (half a second) to 01:00:00 (1 hour)", "from 0.5 seconds to 1 hour", "0.5 s – 1 h");

    /// <summary>Every range, for the tests that hold the docs and the README to them.</summary>
    public static IReadOnlyList<IOptionRange> All { get; } =
    [
        TokenLength, MaxAttempts, ValidFor, Timeout, ResendCooldown, MaxSendsPerUser, UserSendWindow, MaxSendsPerNumber,
        NumberSendWindow, MaxConfirmationSendsPerUser, MaxConfirmationSendsPerNumber, ConfirmationSendWindow,
        MaxSiteSendsPerHour, GuardWindow, GuardMinimumSends, GuardCoolOff, BreakerMinimumThroughput,
        BreakerSamplingDuration, BreakerBreakDuration,
    ];
}

/// <summary>A range as the tests see it, whatever the type of its bounds.</summary>
internal interface IOptionRange
{
    /// <summary>The setting's configuration path, such as <c>SignalWire:TokenLength</c>.</summary>
    string Setting { get; }

    /// <summary>The words in the setting's XML doc.</summary>
    string Doc { get; }

    /// <summary>The words in the README's "allowed" column.</summary>
    string Readme { get; }

    /// <summary>The smallest and the largest allowed values, as objects.</summary>
    (object Min, object Max) Bounds { get; }
}

/// <summary>An inclusive range of a setting, with the words that describe it in each place.</summary>
/// <param name="Setting">The setting's configuration path.</param>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
/// <param name="Allowed">The words in the validator's message: "it must be {Allowed}".</param>
/// <param name="Doc">The words in the setting's XML doc.</param>
/// <param name="Readme">The words in the README's "allowed" column.</param>
internal sealed record OptionRange<T>(string Setting, T Min, T Max, string Allowed, string Doc, string Readme) : IOptionRange
    where T : IComparable<T>
{
    public (object Min, object Max) Bounds => (Min, Max);

    /// <summary>Adds a problem to <paramref name="problems"/> when <paramref name="value"/> is out of the range.</summary>
    public void Check(T value, List<string> problems)
    {
        if (value.CompareTo(Min) < 0 || value.CompareTo(Max) > 0)
        {
            problems.Add($"{Setting} is {value}; it must be {Allowed}.");
        }
    }
}
