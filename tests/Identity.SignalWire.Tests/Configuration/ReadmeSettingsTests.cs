using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Configuration;

/// <summary>
/// The README's configuration table names every setting, groups included (<c>Budgets:MaxSendsPerUser</c>), so that a
/// setting added to the options cannot go undocumented. The ranges themselves live once, on the properties.
/// </summary>
public sealed class ReadmeSettingsTests
{
    public static TheoryData<string> Settings()
    {
        var settings = new TheoryData<string>();
        foreach (var property in typeof(SignalWireMfaOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<Microsoft.Extensions.Options.ValidateObjectMembersAttribute>() is not null)
            {
                foreach (var member in property.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    settings.Add(property.Name + ":" + member.Name);
                }
            }
            else
            {
                settings.Add(property.Name);
            }
        }

        return settings;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_configuration_table_has_a_row_for_every_setting(string setting)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "README.md"));

        Assert.Contains("`" + setting + "`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bounded_number_and_time_has_a_range()
    {
        var groups = new[] { typeof(SignalWireMfaOptions), typeof(SignalWireSendBudgetOptions), typeof(SignalWirePumpingGuardOptions), typeof(SignalWireCircuitBreakerOptions) };
        var unbounded = groups
            .SelectMany(group => group.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(property => property.PropertyType == typeof(int) || property.PropertyType == typeof(double) || property.PropertyType == typeof(TimeSpan))
            .Where(property => property.GetCustomAttribute<RangeAttribute>() is null)
            .Select(property => property.DeclaringType!.Name + "." + property.Name);

        Assert.Empty(unbounded);
    }
}
