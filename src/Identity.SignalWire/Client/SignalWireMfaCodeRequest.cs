namespace Identity.SignalWire;

/// <summary>
/// What to send in one code request. Unset values are left out of the request, so SignalWire's own defaults apply.
/// </summary>
internal sealed class SignalWireMfaCodeRequest
{
    /// <summary>Gets or sets the E.164 number that receives the code. Required.</summary>
    public required string To { get; set; }

    /// <summary>Gets or sets the E.164 number to send from.</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the text sent or spoken before the code.</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the number of characters in the code, from 4 to 20.</summary>
    public int? TokenLength { get; set; }

    /// <summary>Gets or sets how long the code can be used, from 1 second to 7 days (sent in whole seconds).</summary>
    public TimeSpan? ValidFor { get; set; }

    /// <summary>Gets or sets how many times the code can be tried, from 1 to 20.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>Gets or sets whether the code may contain the letters A-Z.</summary>
    public bool? AllowAlphas { get; set; }
}
