namespace Identity.SignalWire.Tests.Phone;

/// <summary>
/// What the library learns from libphonenumber's metadata: region and kind of line. The same text read again gives the
/// same answer, and national input is never answered as international.
/// </summary>
public sealed class PhoneNumberFactsTests
{
    [Theory]
    [InlineData("+12015550123", "US", SignalWireNumberType.FixedLineOrMobile)]
    [InlineData("+16135550123", "CA", SignalWireNumberType.FixedLineOrMobile)]
    [InlineData("+12642351234", "AI", SignalWireNumberType.Mobile)] // Anguilla shares +1 with the US
    [InlineData("+18765550123", "JM", SignalWireNumberType.Mobile)] // so does Jamaica
    [InlineData("+19005550123", "US", SignalWireNumberType.PremiumRate)]
    [InlineData("+449098790000", "GB", SignalWireNumberType.PremiumRate)]
    [InlineData("+33884012345", "FR", SignalWireNumberType.SharedCost)]
    [InlineData("+445612345678", "GB", SignalWireNumberType.Voip)]
    [InlineData("+447640123456", "GB", SignalWireNumberType.Pager)]
    [InlineData("+445512345678", "GB", SignalWireNumberType.Uan)]
    [InlineData("+18005550123", "US", SignalWireNumberType.TollFree)]
    [InlineData("+447400123456", "GB", SignalWireNumberType.Mobile)]
    public void The_region_and_the_kind_of_line_come_from_the_metadata(string number, string region, SignalWireNumberType type)
    {
        var facts = PhoneNumberFacts.Read(number);

        Assert.NotNull(facts);
        Assert.True(facts.IsValid);
        Assert.Equal(region, facts.Region);
        Assert.Equal(type, facts.Type);
    }

    [Fact]
    public void A_number_that_cannot_exist_is_read_but_not_valid()
    {
        var facts = PhoneNumberFacts.Read("+1 123 456 7890");

        Assert.NotNull(facts);
        Assert.False(facts.IsValid);
        Assert.Equal("+11234567890", facts.E164);
        Assert.Equal(PhoneNumberFacts.UnknownRegion, facts.Region);
    }

    [Theory]
    [InlineData("+12015550123", "+12015550123", true, "US", SignalWireNumberType.FixedLineOrMobile)]
    [InlineData("+44 7400 123456", "+447400123456", true, "GB", SignalWireNumberType.Mobile)]
    [InlineData("+1 900 555 0123", "+19005550123", true, "US", SignalWireNumberType.PremiumRate)]
    [InlineData("+15555550123", "+15555550123", false, PhoneNumberFacts.UnknownRegion, SignalWireNumberType.Unknown)]
    public void A_number_read_again_gives_the_same_facts(string input, string e164, bool isValid, string region, SignalWireNumberType type)
    {
        var expected = new PhoneNumberFacts(e164, isValid, region, type);

        Assert.Equal(expected, PhoneNumberFacts.Read(input));
        Assert.Equal(expected, PhoneNumberFacts.Read(input));
    }

    [Fact]
    public void Text_that_is_no_number_stays_no_number_when_read_again()
    {
        Assert.Null(PhoneNumberFacts.Read("+1 201 555 0123 ext. 5"));
        Assert.Null(PhoneNumberFacts.Read("+1 201 555 0123 ext. 5"));
    }

    [Fact]
    public void National_input_is_read_for_its_region_even_after_the_same_text_was_refused_as_international()
    {
        Assert.Null(PhoneNumberFacts.Read("(201) 555-0123"));

        var national = PhoneNumberFacts.Read("(201) 555-0123", "US");

        Assert.Equal(new PhoneNumberFacts("+12015550123", true, "US", SignalWireNumberType.FixedLineOrMobile), national);
        Assert.Null(PhoneNumberFacts.Read("(201) 555-0123"));
    }

    // The facts take validity from the number's type (IsValidNumber is GetNumberType != UNKNOWN in libphonenumber),
    // to find the region once instead of three times: the answers must be libphonenumber's own.
    [Theory]
    [InlineData("+12015550123")]
    [InlineData("+16135550123")]
    [InlineData("+12642351234")]
    [InlineData("+19005550123")]
    [InlineData("+15555550123")]
    [InlineData("+11234567890")]
    [InlineData("+447400123456")]
    [InlineData("+447700900123")]
    [InlineData("+4412345")]
    [InlineData("+33612345678")]
    [InlineData("+4915123456789")]
    [InlineData("+8613800138000")]
    [InlineData("+819012345678")]
    [InlineData("+61412345678")]
    [InlineData("+2348031234567")]
    [InlineData("+80012345678")]
    [InlineData("+97912345678")]
    [InlineData("+88212345678")]
    public void Validity_and_region_are_libphonenumbers_own(string input)
    {
        var metadata = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var number = metadata.Parse(input, PhoneNumberFacts.UnknownRegion);
        var isValid = metadata.IsValidNumber(number);

        var facts = PhoneNumberFacts.Read(input);

        Assert.NotNull(facts);
        Assert.Equal(isValid, facts.IsValid);
        Assert.Equal(isValid ? metadata.GetRegionCodeForNumber(number) : PhoneNumberFacts.UnknownRegion, facts.Region);
    }
}
