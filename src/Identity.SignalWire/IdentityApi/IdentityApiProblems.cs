using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Identity.SignalWire;

/// <summary>
/// Every refusal and outage of <c>MapSignalWireIdentityApi</c> as a problem document with a stable <c>type</c> (a URN a
/// client can switch on), a sentence a user can read in <c>detail</c> (<see cref="SignalWireMfaException.UserMessage"/>, in the request's UI culture) and, when waiting helps, a <c>Retry-After</c>
/// header. The operator's exception message never goes into an answer.
/// </summary>
internal static class IdentityApiProblems
{
    public const string Prefix = "urn:identity-signalwire:";
    public const string InvalidRequest = Prefix + "invalid-request";
    public const string SignInFailed = Prefix + "sign-in-failed";
    public const string LockedOut = Prefix + "locked-out";
    public const string NotAllowed = Prefix + "not-allowed";
    public const string PhoneTwoFactorOff = Prefix + "phone-two-factor-off";
    public const string InvalidNumber = Prefix + "invalid-number";
    public const string NumberRefused = Prefix + "number-refused";
    public const string AlreadyConfirmed = Prefix + "number-already-confirmed";
    public const string NoConfirmedPhone = Prefix + "no-confirmed-phone";
    public const string PhoneIsOnlyFactor = Prefix + "phone-is-only-factor";
    public const string CodeInvalid = Prefix + "code-invalid";
    public const string NoCodePending = Prefix + "no-code-pending";
    public const string StepUpMethodUnavailable = Prefix + "step-up-method-unavailable";
    public const string UserNotFound = Prefix + "user-not-found";

    /// <summary>The prefix of a send budget's refusal: <c>urn:identity-signalwire:send-limit:resend-cooldown</c>, …</summary>
    public const string SendLimitPrefix = Prefix + "send-limit:";

    /// <summary>The prefix of an outage: <c>urn:identity-signalwire:unavailable:service-unavailable</c>, …</summary>
    public const string UnavailablePrefix = Prefix + "unavailable:";

    /// <summary>A body or query that cannot be read or is missing a field: 400, whatever the account.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: "The request is not valid: " + message,
            type: InvalidRequest);

    /// <summary>A sign-in that did not succeed, worded as <c>/login</c> words it (<c>Failed</c>, <c>LockedOut</c>, <c>NotAllowed</c>).</summary>
    public static IResult SignIn(SignInResult result, TimeSpan? lockedOutFor = null)
    {
        var type = result.IsLockedOut ? LockedOut : result.IsNotAllowed ? NotAllowed : SignInFailed;
        var problem = TypedResults.Problem(result.ToString(), statusCode: StatusCodes.Status401Unauthorized, type: type);
        return lockedOutFor is { } wait ? new RetryAfterResult(problem, wait) : problem;
    }

    /// <summary>A refusal that is the same for every request of this kind.</summary>
    public static ProblemHttpResult Refusal(int status, string type, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, type: type, extensions: extensions);

    /// <summary>A send budget's refusal or an outage, from the library's exception.</summary>
    public static IResult From(SignalWireMfaException exception)
    {
        if (exception is SignalWireSendLimitException limit)
        {
            // A number, region or kind of number that is never allowed is the request's fault; every other limit passes.
            var never = limit.Limit is SignalWireSendLimit.InvalidNumber or SignalWireSendLimit.RegionNotAllowed or SignalWireSendLimit.NumberTypeNotAllowed;
            var type = limit.Limit == SignalWireSendLimit.InvalidNumber ? InvalidNumber : SendLimitPrefix + Kebab(limit.Limit.ToString());
            var problem = TypedResults.Problem(
                exception.UserMessage,
                statusCode: never ? StatusCodes.Status400BadRequest : StatusCodes.Status429TooManyRequests,
                type: type,
                extensions: new Dictionary<string, object?> { ["limit"] = limit.Limit.ToString() });
            return WithWait(problem, never ? null : limit.RetryAfter);
        }

        if (exception.Kind == SignalWireMfaErrorKind.InvalidRequest)
        {
            // SignalWire refused what was sent: for these endpoints, a number it will not send to.
            return TypedResults.Problem(exception.UserMessage, statusCode: StatusCodes.Status400BadRequest, type: NumberRefused);
        }

        // Unauthorized is the operator's to fix; to the client it is an outage like the others, and says no more.
        var kind = exception.Kind == SignalWireMfaErrorKind.Unauthorized ? SignalWireMfaErrorKind.ServiceUnavailable : exception.Kind;
        return WithWait(
            TypedResults.Problem(exception.UserMessage, statusCode: StatusCodes.Status503ServiceUnavailable, type: UnavailablePrefix + Kebab(kind.ToString())),
            exception.RetryAfter);
    }

    /// <summary>Adds <c>Retry-After</c> (whole seconds, rounded up) when there is a wait.</summary>
    public static IResult WithWait(IResult result, TimeSpan? wait) =>
        wait is { } after && after > TimeSpan.Zero ? new RetryAfterResult(result, after) : result;

    // ResendCooldown -> resend-cooldown: the enum's name, so that a limit added later gets a type without a change here.
    private static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    private sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
