namespace Identity.SignalWire.Emulator;

// The emulator's own view of SignalWire's JSON, written from the API document rather than shared with the client,
// so that a mistake in the client's wire format shows up as a failing conformance test. Names become snake_case
// through WireJson.Options.

/// <summary>Body of <c>POST /mfa/sms</c> and <c>POST /mfa/call</c>.</summary>
internal sealed class SendMfaRequest
{
    public string? To { get; set; }

    public string? From { get; set; }

    public string? Message { get; set; }

    public int? TokenLength { get; set; }

    public int? ValidFor { get; set; }

    public int? MaxAttempts { get; set; }

    public bool? AllowAlphas { get; set; }
}

/// <summary>Answer to a successful send.</summary>
internal sealed record SendMfaResponse(string Id, bool Success, string To, string Channel);

/// <summary>Body of <c>POST /mfa/{id}/verify</c>.</summary>
internal sealed class VerifyMfaRequest
{
    public string? Token { get; set; }
}

/// <summary>Answer to a verify call that found the request.</summary>
internal sealed record VerifyMfaResponse(bool Success);

/// <summary>SignalWire's error envelope: <c>{"errors":[…]}</c>.</summary>
internal sealed record SignalWireErrorBody(IReadOnlyList<SignalWireError> Errors);

/// <summary>One entry of <see cref="SignalWireErrorBody"/>; <c>attribute</c> is left out when no field is to blame.</summary>
internal sealed record SignalWireError(string Type, string Code, string Message, string? Attribute, string Url);

/// <summary>The body SignalWire sends with a 500: <c>{"error":"Internal Server Error"}</c>.</summary>
internal sealed record PlainErrorBody(string Error);
