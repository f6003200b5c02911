using PhoneNumbers;

namespace Identity.SignalWire.Tests.Limits;

/// <summary>The pumping guard's number ranges: the national number without its last four digits, in every plan.</summary>
public sealed class GuardScopeTests
{
    public static TheoryData<string, string, string> Numbers() => new()
    {
        { "+12015550123", "US", "201555" },
        { "+447400123456", "GB", "740012" },
        { "+2348031000123", "NG", "803100" },
        // Italy keeps its leading zero in the national number; Jamaica shares +1 with the US but not its ranges.
        { "+390612345678", "IT", "061234" },
        { "+18765550123", "JM", "876555" },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void A_range_is_the_national_number_without_its_last_four_digits(string number, string region, string range)
    {
        var facts = PhoneNumberFacts.Read(number)!;
        Assert.True(facts.IsValid, number);

        Assert.Equal(new GuardScope(region, range), GuardScope.Of(facts));
    }

    [Fact]
    public void Every_region_and_non_geographic_code_gives_a_prefix_of_its_national_number()
    {
        var metadata = PhoneNumberUtil.GetInstance();
        var examples = metadata.GetSupportedRegions().Select(region => metadata.GetExampleNumber(region))
            .Concat(metadata.GetSupportedGlobalNetworkCallingCodes().Select(code => metadata.GetExampleNumberForNonGeoEntity(code)))
            .Where(example => example is not null)
            .ToList();
        Assert.True(examples.Count > 240, examples.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.All(examples, example =>
        {
            var facts = PhoneNumberFacts.Read(metadata.Format(example, PhoneNumberFormat.E164))!;
            var national = metadata.GetNationalSignificantNumber(example);

            var scope = GuardScope.Of(facts);

            Assert.Equal(facts.Region, scope.Region);
            Assert.Equal(national[..Math.Max(0, national.Length - GuardScope.HiddenDigits)], scope.Range);
        });
    }
}
