using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Identity.SignalWire.Emulator;

/// <summary>SignalWire-shaped error answers. Messages never repeat a phone number or a code.</summary>
internal static class SignalWireErrors
{
    private const string ErrorCodesPage = "https://developer.signalwire.com/rest/overview/error-codes";

    public static SignalWireError InvalidParameter(string attribute, string message) =>
        new("validation_error", "invalid_parameter", message, attribute, $"{ErrorCodesPage}#invalid_parameter");

    public static SignalWireError WrongType(string attribute) =>
        InvalidParameter(attribute, $"{attribute} has the wrong type.");

    public static SignalWireError InvalidBody() =>
        new("validation_error", "invalid_parameter", "The request body must be a JSON object.", null, $"{ErrorCodesPage}#invalid_parameter");

    public static IResult Validation(IReadOnlyList<SignalWireError> errors) =>
        Results.Json(new SignalWireErrorBody(errors), WireJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Unauthorized() =>
        Results.Json(
            new SignalWireErrorBody([new("authentication_error", "unauthorized", "Unauthorized", null, $"{ErrorCodesPage}#unauthorized")]),
            WireJson.Options,
            statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>A bare status like SignalWire's 500: <c>{"error":"Internal Server Error"}</c>.</summary>
    public static IResult Plain(int statusCode) =>
        Results.Json(new PlainErrorBody(ReasonPhrases.GetReasonPhrase(statusCode)), WireJson.Options, statusCode: statusCode);

    /// <summary>The undocumented 404 of verify; clients must not depend on its body.</summary>
    public static IResult NotFound() => Plain(StatusCodes.Status404NotFound);
}
