namespace Identity.SignalWire.Tests.Phone;

public sealed class E164PhoneNumberTests
{
    [Theory]
    [InlineData("+12015550123", "+12015550123")]
    [InlineData(" +1 (201) 555-0123 ", "+12015550123")]
    [InlineData("+44.20.7946.0000", "+442079460000")]
    [InlineData("+44 7400 123456", "+447400123456")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    public void International_input_is_normalised_to_E164(string input, string expected)
    {
        Assert.True(E164PhoneNumber.TryNormalize(input, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2015550123")]
    [InlineData("0012015550123")]
    [InlineData("+02015550123")]
    [InlineData("+1234567890123456")]
    [InlineData("+1")]
    [InlineData("+1201abc0123")]
    [InlineData("++12015550123")]
    [InlineData("+١٢٣٤٥٦٧")]
    [InlineData("+1 201 555 0123 ext. 5")]
    public void Anything_else_is_refused_and_no_country_code_is_guessed(string? input) =>
        Assert.False(E164PhoneNumber.TryNormalize(input, out _));

    [Theory]
    [InlineData("+15555550123")] // area code 555 does not exist
    [InlineData("+1 123 456 7890")] // no area code starts with 1
    [InlineData("+447700900123")] // Ofcom's drama range
    [InlineData("+12")]
    [InlineData("+123456789012345")]
    public void Numbers_that_cannot_exist_are_refused(string input) =>
        Assert.False(E164PhoneNumber.TryNormalize(input, out _));

    [Theory]
    [InlineData("(415) 555-0123", "US", "+14155550123")]
    [InlineData("415.555.0123", "us", "+14155550123")]
    [InlineData("07400 123456", "GB", "+447400123456")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("+44 7400 123456", "US", "+447400123456")]
    public void National_input_is_read_with_the_region_the_app_gives(string input, string region, string expected)
    {
        Assert.True(E164PhoneNumber.TryNormalize(input, region, out var number));
        Assert.Equal(expected, number);
    }

    [Fact]
    public void National_input_that_is_not_valid_in_the_region_is_refused() =>
        Assert.False(E164PhoneNumber.TryNormalize("(555) 555-0123", "US", out _));

    [Fact]
    public void An_unknown_region_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => E164PhoneNumber.TryNormalize("4155550123", "XX", out _));

        Assert.Equal("region", error.ParamName);
        Assert.Contains("ISO 3166-1 alpha-2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => E164PhoneNumber.TryNormalize("4155550123", null!, out _));
    }

    [Theory]
    [InlineData("+12015550123", true)]
    [InlineData("+1 201 555 0123", false)]
    [InlineData("+15555550123", false)]
    [InlineData(null, false)]
    public void IsValid_wants_a_valid_number_already_in_E164_form(string? number, bool valid) =>
        Assert.Equal(valid, E164PhoneNumber.IsValid(number));

    [Theory]
    [InlineData("+12015550123", "+*********23")]
    [InlineData("2015550123", "********23")]
    [InlineData("+123", "+***")]
    [InlineData(null, "(none)")]
    [InlineData("abc", "(no digits)")]
    public void Mask_keeps_only_the_last_two_digits(string? input, string expected) =>
        Assert.Equal(expected, E164PhoneNumber.Mask(input));
}
