using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Identity.SignalWire;

/// <summary>
/// The HTTP client for SignalWire's MFA API. Registered as a typed client by <c>AddSignalWireTokenProviders</c>;
/// it can also be built by hand around any <see cref="HttpClient"/>.
/// </summary>
internal sealed partial class SignalWireMfaClient : ISignalWireMfaClient
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Identity.SignalWire", SignalWireTelemetry.Version);
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly SignalWireEndpoint _endpoint;
    private readonly SignalWireTelemetry _telemetry;
    private readonly SignalWireCallOutcomes _callOutcomes;

    /// <summary>Creates a client that calls SignalWire at <paramref name="endpoint"/> and records its calls.</summary>
    /// <param name="httpClient">
    /// The HTTP client to send with; its base address and headers are not used or changed. Its
    /// <see cref="HttpClient.Timeout"/> must not be shorter than <see cref="SignalWireMfaOptions.Timeout"/>, which
    /// this client enforces itself (<see cref="Timeout.InfiniteTimeSpan"/> is best).
    /// </param>
    /// <param name="endpoint">Where SignalWire is, the credentials and the timeout, read once from the settings.</param>
    /// <param name="logger">Where to log; numbers are masked and codes never logged.</param>
    /// <param name="telemetry">The meter and activity source to record calls with.</param>
    /// <param name="callOutcomes">What the latest calls came to, which the health check reads.</param>
    /// <exception cref="ArgumentException"><paramref name="httpClient"/> would give up before <see cref="SignalWireMfaOptions.Timeout"/>.</exception>
    public SignalWireMfaClient(
        HttpClient httpClient,
        SignalWireEndpoint endpoint,
        ILogger<SignalWireMfaClient> logger,
        SignalWireTelemetry telemetry,
        SignalWireCallOutcomes callOutcomes)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(callOutcomes);

        _httpClient = httpClient;
        _endpoint = endpoint;
        _logger = logger;
        _telemetry = telemetry;
        _callOutcomes = callOutcomes;
        if (httpClient.Timeout != System.Threading.Timeout.InfiniteTimeSpan && httpClient.Timeout < endpoint.Timeout)
        {
            throw new ArgumentException(TimeoutConflict(httpClient.Timeout, endpoint.Timeout), nameof(httpClient));
        }
    }

    /// <inheritdoc />
    public async Task<SignalWireMfaCodeResult> RequestCodeAsync(
        SignalWireMfaChannel channel,
        SignalWireMfaCodeRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The form only: the provider read the number with libphonenumber and checked it against the destination rules
        // before any budget was charged, and passes its E.164 form down; reading it again here would double the cost.
        if (!IsE164Form(request.To))
        {
            throw new ArgumentException(
                $"The destination {E164PhoneNumber.Mask(request.To)} is not {E164PhoneNumber.Rule}.", nameof(request));
        }

        var (route, operation, trace) = channel switch
        {
            SignalWireMfaChannel.Sms => (_endpoint.SmsRoute, "an SMS code request", new CallTrace("send_sms", "SignalWire MFA send_sms")),
            SignalWireMfaChannel.Call => (_endpoint.CallRoute, "a call code request", new CallTrace("send_call", "SignalWire MFA send_call")),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel must be Sms or Call."),
        };

        var body = new MfaSendBody
        {
            To = request.To,
            From = request.From,
            Message = request.Message,
            TokenLength = request.TokenLength,
            ValidFor = request.ValidFor is { } validFor ? (int)Math.Ceiling(validFor.TotalSeconds) : null,
            MaxAttempts = request.MaxAttempts,
            AllowAlphas = request.AllowAlphas,
        };

        var outcome = SignalWireTelemetry.CancelledOutcome;
        SignalWireMfaException? failure = null;
        try
        {
            var answer = await PostAsync(operation, route, JsonContent.Create(body, SignalWireJsonContext.Wire.MfaSendBody), cancellationToken)
                .ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                throw Failure(operation, answer);
            }

            var sent = Deserialize(operation, answer.Status, answer.Body, SignalWireJsonContext.Wire.MfaSendAnswer);
            if (sent.Success is false || string.IsNullOrWhiteSpace(sent.Id))
            {
                throw Unreadable(operation, answer.Status, "it has no request id or says success is false");
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.CodeRequested(_logger, channel, E164PhoneNumber.Mask(body.To), sent.Id, answer.ElapsedMilliseconds);
            }

            outcome = SignalWireTelemetry.SentOutcome;
            return new SignalWireMfaCodeResult(sent.Id, sent.To ?? body.To, channel);
        }
        catch (SignalWireMfaException exception)
        {
            (failure, outcome) = (exception, SignalWireTelemetry.OutcomeOf(exception));
            throw;
        }
        finally
        {
            trace.End(_telemetry, _callOutcomes, outcome, failure);
        }
    }

    /// <inheritdoc />
    public async Task<SignalWireMfaVerifyResult> VerifyAsync(string requestId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);

        const string operation = "a code verification";
        var trace = new CallTrace("verify", "SignalWire MFA verify");
        var outcome = SignalWireTelemetry.CancelledOutcome;
        SignalWireMfaException? failure = null;
        try
        {
            var route = new Uri(_endpoint.BaseAddress, $"mfa/{Uri.EscapeDataString(requestId)}/verify");
            var body = JsonContent.Create(new MfaVerifyBody { Token = token }, SignalWireJsonContext.Wire.MfaVerifyBody);
            var answer = await PostAsync(operation, route, body, cancellationToken).ConfigureAwait(false);

            SignalWireMfaVerifyResult result;
            // Only SignalWire's own 404 (JSON) says the code is spent; a proxy's page goes to Failure, as unavailable.
            if (answer.Status == HttpStatusCode.NotFound && SignalWireErrorBody.IsJsonObject(answer.Body))
            {
                // Expired, attempts used up, already validated or unknown: SignalWire does not say which.
                result = SignalWireMfaVerifyResult.NotFound;
            }
            else if (answer.IsSuccess)
            {
                var verified = Deserialize(operation, answer.Status, answer.Body, SignalWireJsonContext.Wire.MfaVerifyAnswer);
                result = verified.Success switch
                {
                    true => SignalWireMfaVerifyResult.Valid,
                    false => SignalWireMfaVerifyResult.Invalid,
                    null => throw Unreadable(operation, answer.Status, "it has no \"success\" field"),
                };
            }
            else
            {
                throw Failure(operation, answer, withheld: token);
            }

            outcome = SignalWireTelemetry.OutcomeOf(result);
            Log.CodeVerified(_logger, requestId, result, answer.ElapsedMilliseconds);
            return result;
        }
        catch (SignalWireMfaException exception)
        {
            (failure, outcome) = (exception, SignalWireTelemetry.OutcomeOf(exception));
            throw;
        }
        finally
        {
            trace.End(_telemetry, _callOutcomes, outcome, failure);
        }
    }

    private async Task<Answer> PostAsync(string operation, Uri route, HttpContent content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_endpoint.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
            request.Headers.Authorization = _endpoint.Authorization;
            request.Headers.UserAgent.Add(UserAgent);
            request.Headers.Accept.Add(AcceptJson);

            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                .ConfigureAwait(false);
            var body = await ReadBodyAsync(operation, response, timeout.Token).ConfigureAwait(false);
            return new Answer(response.StatusCode, body, RetryAfter(response), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (BrokenCircuitException exception)
        {
            // The opt-in circuit breaker is open: SignalWire was not called, and the caller did not wait.
            var retryAfter = (exception as OpenCircuitException)?.RetryAfter;
            Log.NoAnswer(_logger, operation, "circuit breaker open", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new SignalWireMfaException(
                SignalWireMfaErrorKind.ServiceUnavailable,
                $"SignalWire was not called for {operation}: the circuit breaker opened after repeated failures (SignalWire:CircuitBreaker). Try again in a moment.",
                retryAfter: retryAfter,
                innerException: exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NoAnswer(_logger, operation, "timed out", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new SignalWireMfaException(
                SignalWireMfaErrorKind.ServiceUnavailable,
                string.Create(CultureInfo.InvariantCulture, $"SignalWire did not answer {operation} within {_endpoint.Timeout.TotalSeconds:0.###} s (SignalWire:Timeout). Try again in a moment."),
                innerException: exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            var reason = exception is HttpRequestException http ? http.HttpRequestError.ToString() : "connection lost";
            Log.NoAnswer(_logger, operation, reason, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new SignalWireMfaException(
                SignalWireMfaErrorKind.ServiceUnavailable,
                $"SignalWire could not be reached for {operation} ({reason}). Try again in a moment.",
                innerException: exception);
        }
    }

    // Every failure while reading the body (an unknown charset, a body over the cap, a broken stream, bad compressed
    // data) is an answer SignalWire did not give in a form this client knows: the service counts as unavailable.
    private async Task<byte[]> ReadBodyAsync(string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[]? body;
        string? problem;
        try
        {
            (body, problem) = await AnswerBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.Unreadable(_logger, operation, (int)response.StatusCode);
            throw new SignalWireMfaException(
                SignalWireMfaErrorKind.ServiceUnavailable,
                $"SignalWire's answer to {operation} ({(int)response.StatusCode}) could not be read ({exception.GetType().Name}). Try again in a moment.",
                response.StatusCode,
                innerException: exception);
        }

        return body ?? throw Unreadable(operation, response.StatusCode, problem!);
    }

    private SignalWireMfaException Failure(string operation, Answer answer, string? withheld = null)
    {
        var status = (int)answer.Status;
        // SignalWire may echo the code it was asked to check; the code must not reach a message or a log, not even in part.
        var error = SignalWireErrorBody.Parse(answer.Body, withheld);

        var (kind, advice) = status switch
        {
            401 or 403 => (SignalWireMfaErrorKind.Unauthorized,
                "check SignalWire:ProjectId and SignalWire:ApiToken, and that the token has the scope MFA needs (Management)"),
            429 => (SignalWireMfaErrorKind.RateLimited, answer.RetryAfter is { } wait
                ? string.Create(CultureInfo.InvariantCulture, $"too many requests; try again in {Math.Ceiling(wait.TotalSeconds)} s")
                : "too many requests; try again later"),
            >= 500 => (SignalWireMfaErrorKind.ServiceUnavailable, "SignalWire is unavailable; try again in a moment"),
            // A 404 page that is not SignalWire's JSON (HTML, text, nothing) came from a proxy, a gateway or a CDN in
            // between: nobody knows what SignalWire would have said, so a verify must not count as a wrong code.
            404 when !SignalWireErrorBody.IsJsonObject(answer.Body) => (SignalWireMfaErrorKind.ServiceUnavailable,
                "the answer is not SignalWire's but a proxy's or a gateway's page; try again in a moment, and if it lasts check SignalWire:SpaceName or SignalWire:BaseAddress"),
            404 => (SignalWireMfaErrorKind.InvalidRequest, "the route does not exist: check SignalWire:SpaceName or SignalWire:BaseAddress"),
            _ => (SignalWireMfaErrorKind.InvalidRequest, error.Attribute is null
                ? "SignalWire rejected the request"
                : $"SignalWire rejected the field '{error.Attribute}'"),
        };

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"SignalWire answered {status} ({answer.Status}) to {operation}");
        if (error.Code is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $", code '{error.Code}'");
        }

        if (error.Message is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $": {error.Message}");
        }

        message.Append(CultureInfo.InvariantCulture, $". {char.ToUpperInvariant(advice[0])}{advice[1..]}.");

        Log.Refused(_logger, operation, status, kind, error.Code);
        return new SignalWireMfaException(kind, message.ToString(), answer.Status, error.Code, error.Attribute, answer.RetryAfter);
    }

    private SignalWireMfaException Unreadable(string operation, HttpStatusCode status, string why)
    {
        Log.Unreadable(_logger, operation, (int)status);
        return new SignalWireMfaException(
            SignalWireMfaErrorKind.ServiceUnavailable,
            $"SignalWire's answer to {operation} ({(int)status}) could not be used: {why}. Try again in a moment.",
            status);
    }

    private T Deserialize<T>(string operation, HttpStatusCode status, byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw Unreadable(operation, status, "the body is empty");
        }
        catch (JsonException)
        {
            throw Unreadable(operation, status, "the body is not the JSON SignalWire documents");
        }
    }

    // '+', then 2 to 15 ASCII digits, the first not 0.
    private static bool IsE164Form(string? number) =>
        number is { Length: >= 3 and <= 16 } && number[0] == '+' && number[1] != '0' && !number.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    internal static string TimeoutConflict(TimeSpan httpClientTimeout, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The HttpClient's Timeout ({httpClientTimeout.TotalSeconds:0.###} s) is shorter than SignalWire:Timeout ({timeout.TotalSeconds:0.###} s) and would cut every call short. Leave HttpClient.Timeout at Timeout.InfiniteTimeSpan, as AddSignalWireTokenProviders sets it: SignalWire:Timeout is enforced by the client.");

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }


    // One span and one duration for each call to SignalWire, tagged with the operation and its outcome only.
    private readonly struct CallTrace
    {
        private readonly Activity? _activity;
        private readonly long _started;
        private readonly string _operation;

        public CallTrace(string operation, string spanName)
        {
            _activity = SignalWireTelemetry.ActivitySource.StartActivity(spanName, ActivityKind.Client);
            _activity?.SetTag("signalwire.operation", operation);
            _started = Stopwatch.GetTimestamp();
            _operation = operation;
        }

        public void End(SignalWireTelemetry telemetry, SignalWireCallOutcomes callOutcomes, string outcome, SignalWireMfaException? failure)
        {
            if (_activity is not null)
            {
                if (failure is not null)
                {
                    _activity.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
                }

                _activity.SetTag("signalwire.outcome", outcome);
                _activity.Dispose();
            }

            // The health check reads these; a call the caller cancelled tells nothing about SignalWire.
            if (failure is not null)
            {
                callOutcomes.RecordFailed(failure.Kind);
            }
            else if (outcome != SignalWireTelemetry.CancelledOutcome)
            {
                callOutcomes.RecordAnswered();
            }

            telemetry.RecordApiCall(_operation, Stopwatch.GetElapsedTime(_started), outcome);
        }
    }

    private readonly record struct Answer(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter, double ElapsedMilliseconds)
    {
        public bool IsSuccess => (int)Status is >= 200 and <= 299;
    }
}
