namespace Identity.SignalWire.Tests.Client;

public sealed class E164PhoneNumberTests
{
    [Theory]
    [InlineData("+15555550123", "+15555550123")]
    [InlineData(" +1 (555) 555-0123 ", "+15555550123")]
    [InlineData("+44.20.7946.0000", "+442079460000")]
    [InlineData("+123456789012345", "+123456789012345")]
    [InlineData("+12", "+12")]
    public void Spaces_dashes_dots_and_parentheses_are_removed(string input, string expected)
    {
        Assert.True(E164PhoneNumber.TryNormalize(input, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5555550123")]
    [InlineData("0015555550123")]
    [InlineData("+05555550123")]
    [InlineData("+1234567890123456")]
    [InlineData("+1")]
    [InlineData("+1555abc0123")]
    [InlineData("++15555550123")]
    [InlineData("+١٢٣٤٥٦٧")]
    public void Anything_else_is_refused_and_no_country_code_is_guessed(string? input) =>
        Assert.False(E164PhoneNumber.TryNormalize(input, out _));

    [Theory]
    [InlineData("+15555550123", "+*********23")]
    [InlineData("5555550123", "********23")]
    [InlineData("+123", "+***")]
    [InlineData(null, "(none)")]
    [InlineData("abc", "(no digits)")]
    public void Mask_keeps_only_the_last_two_digits(string? input, string expected) =>
        Assert.Equal(expected, E164PhoneNumber.Mask(input));
}
