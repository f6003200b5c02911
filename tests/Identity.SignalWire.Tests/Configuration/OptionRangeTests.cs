using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Identity.SignalWire.Tests.Configuration;

/// <summary>
/// Each setting's range is written once, in <see cref="OptionRanges"/>: the validator enforces it, and these tests hold
/// the XML docs and the README to it.
/// </summary>
public sealed partial class OptionRangeTests
{
    // Bounded settings whose rule the validator writes by hand, and why.
    private static readonly string[] CheckedByHand =
    [
        "CircuitBreaker:FailureRatio", // an open lower bound (more than 0), which an inclusive range cannot say
        "PumpingGuard:MinimumVerifiedRatio", // a double, whose message must not depend on the culture
    ];

    public static TheoryData<string> Settings => [.. OptionRanges.All.Select(range => range.Setting)];

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_validator_accepts_both_bounds_and_refuses_just_outside_them_in_the_ranges_words(string setting)
    {
        var range = OptionRanges.All.Single(r => r.Setting == setting);
        var (min, max) = range.Bounds;

        Assert.Empty(ProblemsWith(setting, min));
        Assert.Empty(ProblemsWith(setting, max));
        var below = Assert.Single(ProblemsWith(setting, Step(min, -1)));
        var above = Assert.Single(ProblemsWith(setting, Step(max, +1)));
        var allowed = (string)range.GetType().GetProperty("Allowed")!.GetValue(range)!;
        Assert.Equal($"{setting} is {Step(min, -1)}; it must be {allowed}.", below);
        Assert.Equal($"{setting} is {Step(max, +1)}; it must be {allowed}.", above);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_XML_doc_of_the_setting_states_its_range(string setting)
    {
        var range = OptionRanges.All.Single(r => r.Setting == setting);
        var (owner, property) = Property(setting);
        var docs = XDocument.Load(Path.ChangeExtension(typeof(SignalWireMfaOptions).Assembly.Location, ".xml"));
        var summary = docs.Descendants("member")
            .Single(member => (string?)member.Attribute("name") == $"P:{owner.FullName}.{property.Name}")
            .Element("summary")!.Value;

        Assert.Contains(range.Doc, Whitespace().Replace(summary, " "), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_README_configuration_table_states_the_range(string setting)
    {
        var range = OptionRanges.All.Single(r => r.Setting == setting);
        var name = "`" + setting[(SignalWireDefaults.ConfigurationSectionName.Length + 1)..] + "`";
        var row = ReadmeLines().FirstOrDefault(line => line.StartsWith("| ", StringComparison.Ordinal) && line.Split('|')[1].Contains(name, StringComparison.Ordinal));

        Assert.True(row is not null, $"The README's configuration table has no row for {name}.");
        Assert.Contains(range.Readme, row.Split('|')[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_numeric_setting_has_a_range()
    {
        var numeric = new[] { typeof(SignalWireMfaOptions), typeof(SignalWireCircuitBreakerOptions), typeof(SignalWirePumpingGuardOptions) }
            .SelectMany(type => type.GetProperties().Select(property => (Type: type, Property: property)))
            .Where(p => p.Property.CanWrite && p.Property.PropertyType is var t && (t == typeof(int) || t == typeof(double) || t == typeof(TimeSpan)))
            .Select(p => SignalWireDefaults.ConfigurationSectionName + (p.Type == typeof(SignalWireMfaOptions) ? ":" : ":" + p.Type.Name["SignalWire".Length..^"Options".Length] + ":") + p.Property.Name);

        var unranged = numeric.Except(OptionRanges.All.Select(range => range.Setting))
            .Except(CheckedByHand.Select(name => SignalWireDefaults.ConfigurationSectionName + ":" + name));

        Assert.Empty(unranged);
    }

    private static List<string> ProblemsWith(string setting, object value)
    {
        var options = new SignalWireMfaOptions { SpaceName = "example", ProjectId = "project", ApiToken = "token" };
        var (owner, property) = Property(setting);
        property.SetValue(owner == typeof(SignalWireCircuitBreakerOptions) ? options.CircuitBreaker : owner == typeof(SignalWirePumpingGuardOptions) ? options.PumpingGuard : options, value);
        var result = new SignalWireMfaOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    private static (Type Owner, PropertyInfo Property) Property(string setting)
    {
        var path = setting.Split(':')[1..];
        if (path.Length == 1)
        {
            return (typeof(SignalWireMfaOptions), typeof(SignalWireMfaOptions).GetProperty(path[0])!);
        }

        var owner = path[0] == "PumpingGuard" ? typeof(SignalWirePumpingGuardOptions) : typeof(SignalWireCircuitBreakerOptions);
        return (owner, owner.GetProperty(path[1])!);
    }

    private static object Step(object bound, int direction) => bound switch
    {
        int number => number + direction,
        TimeSpan time => time + TimeSpan.FromTicks(direction),
        _ => throw new InvalidOperationException($"No step for {bound.GetType()}."),
    };

    private static string[] ReadmeLines()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Identity.SignalWire.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllLines(Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "README.md"));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
