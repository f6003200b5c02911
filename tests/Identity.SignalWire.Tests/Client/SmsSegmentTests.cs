namespace Identity.SignalWire.Tests.Client;

public sealed class SmsSegmentTests
{
    [Fact]
    public void Exactly_160_GSM7_characters_fit_and_161_do_not()
    {
        Assert.Equal(new SmsSegmentLength(SmsEncoding.Gsm7, 160, 160), SmsSegment.Measure(new string('x', 160)));
        Assert.False(SmsSegment.Measure(new string('x', 161)).Fits);
    }

    [Theory]
    [InlineData("€", 2)]
    [InlineData("^{}\\[~]|", 16)]
    [InlineData("\f", 2)]
    [InlineData("ÄÖÜßàèéìòù¡¿£¥§ΔΩ", 17)]
    [InlineData("Hello, world! 123", 17)]
    public void Extension_characters_count_two_septets_and_the_basic_set_one(string text, int septets)
    {
        var length = SmsSegment.Measure(text);
        Assert.Equal(SmsEncoding.Gsm7, length.Encoding);
        Assert.Equal(septets, length.Used);
    }

    [Theory]
    [InlineData("🔐", 2)]
    [InlineData("ç", 1)]
    [InlineData("`", 1)]
    [InlineData("\t", 1)]
    [InlineData("“quoted”", 8)]
    public void One_character_outside_GSM7_makes_the_whole_text_UCS2(string text, int units)
    {
        var length = SmsSegment.Measure(text);
        Assert.Equal(SmsEncoding.Ucs2, length.Encoding);
        Assert.Equal(units, length.Used);
        Assert.Equal(70, length.Limit);
    }

    [Fact]
    public void Seventy_UCS2_units_fit_and_seventy_one_do_not()
    {
        Assert.True(SmsSegment.Measure("ç" + new string('a', 69)).Fits);
        Assert.False(SmsSegment.Measure("ç" + new string('a', 70)).Fits);
        Assert.False(SmsSegment.Measure("🔐" + new string('a', 69)).Fits);
    }
}
