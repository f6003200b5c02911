namespace Identity.SignalWire.Tests.Phone;

/// <summary>What the library learns from libphonenumber's metadata: region and kind of line.</summary>
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
}
