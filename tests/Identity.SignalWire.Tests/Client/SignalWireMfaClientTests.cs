using System.Net;
using System.Text;
using Identity.SignalWire.Tests.Infrastructure;

namespace Identity.SignalWire.Tests.Client;

public sealed class SignalWireMfaClientTests
{
    private static SignalWireMfaCodeRequest ToAda => new() { To = "+12015550123" };

    [Fact]
    public async Task A_code_request_is_a_snake_case_JSON_POST_with_Basic_auth_and_a_User_Agent()
    {
        using var context = new ClientTestContext();

        var result = await context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, new SignalWireMfaCodeRequest
        {
            To = "+12015550123",
            From = "+12015550100",
            Message = "Your code:",
            TokenLength = 8,
            ValidFor = TimeSpan.FromSeconds(90.2),
            MaxAttempts = 5,
            AllowAlphas = true,
        });

        Assert.Equal("req-1", result.RequestId);
        Assert.Equal(SignalWireMfaChannel.Sms, result.Channel);
        var request = Assert.Single(context.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/json", request.ContentType);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{IdentityTestHost.ProjectId}:{IdentityTestHost.ApiToken}"));
        Assert.Equal("Basic " + credentials, request.Authorization);
        Assert.Matches(@"^Identity\.SignalWire/\d+\.\d+\.\d+", request.UserAgent);
        Assert.Equal(
            """{"to":"+12015550123","from":"+12015550100","message":"Your code:","token_length":8,"valid_for":91,"max_attempts":5,"allow_alphas":true}""",
            request.Body);
    }

    [Fact]
    public async Task Unset_fields_are_left_out_so_that_SignalWire_defaults_apply()
    {
        using var context = new ClientTestContext();

        await context.Client.RequestCodeAsync(SignalWireMfaChannel.Call, ToAda);

        var request = Assert.Single(context.Handler.Requests);
        Assert.Equal("/api/relay/rest/mfa/call", request.Path);
        Assert.Equal("""{"to":"+12015550123"}""", request.Body);
    }

    [Fact]
    public async Task A_base_address_replaces_the_space_and_keeps_its_path()
    {
        using var context = new ClientTestContext(options => options.BaseAddress = new Uri("http://127.0.0.1:5099/emulator/api"));

        await context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda);
        await context.Client.VerifyAsync("3fa85f64-5717-4562-b3fc-2c963f66afa6", "123456");

        Assert.Equal(
            ["http://127.0.0.1:5099/emulator/api/mfa/sms", "http://127.0.0.1:5099/emulator/api/mfa/3fa85f64-5717-4562-b3fc-2c963f66afa6/verify"],
            context.Handler.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task A_request_id_is_escaped_into_the_verify_route()
    {
        using var context = new ClientTestContext();

        await context.Client.VerifyAsync("a/b?c", "123456");

        Assert.Equal("/api/relay/rest/mfa/a%2Fb%3Fc/verify", context.Handler.Requests.Single().Uri.AbsolutePath);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.Accepted)]
    public async Task Any_2xx_answer_is_success(HttpStatusCode status)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(status, """{"id":"abc","success":true,"to":"+12015550123","channel":"sms"}""");
        context.Handler.AnswerNext(status, """{"success":true}""");

        var sent = await context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda);
        var verified = await context.Client.VerifyAsync(sent.RequestId, "123456");

        Assert.Equal("abc", sent.RequestId);
        Assert.Equal(SignalWireMfaVerifyResult.Valid, verified);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"success":false}""", nameof(SignalWireMfaVerifyResult.Invalid))]
    [InlineData(HttpStatusCode.OK, """{"success":true}""", nameof(SignalWireMfaVerifyResult.Valid))]
    [InlineData(HttpStatusCode.NotFound, """{"error":"Not Found"}""", nameof(SignalWireMfaVerifyResult.NotFound))]
    [InlineData(HttpStatusCode.NotFound, """{"errors":[{"code":"not_found"}]}""", nameof(SignalWireMfaVerifyResult.NotFound))]
    public async Task Verify_answers_map_to_valid_invalid_and_not_found(HttpStatusCode status, string body, string expected)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(status, body);

        Assert.Equal(expected, (await context.Client.VerifyAsync("req-1", "123456")).ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, SignalWireMfaErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, SignalWireMfaErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.UnprocessableEntity, SignalWireMfaErrorKind.InvalidRequest)]
    [InlineData(HttpStatusCode.BadRequest, SignalWireMfaErrorKind.InvalidRequest)]
    [InlineData(HttpStatusCode.TooManyRequests, SignalWireMfaErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.InternalServerError, SignalWireMfaErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway, SignalWireMfaErrorKind.ServiceUnavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, SignalWireMfaErrorKind.ServiceUnavailable)]
    public async Task Error_statuses_map_to_a_kind_for_both_calls(HttpStatusCode status, SignalWireMfaErrorKind kind)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(status, "{}");
        context.Handler.AnswerNext(status, "{}");

        var send = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));
        var verify = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.All(new[] { send, verify }, error =>
        {
            Assert.Equal(kind, error.Kind);
            Assert.Equal(status, error.StatusCode);
            Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Bad_credentials_say_which_settings_to_check()
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.Unauthorized, """{"errors":[{"type":"authentication_error","code":"unauthorized","message":"Unauthorized"}]}""");

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Equal("unauthorized", error.ErrorCode);
        Assert.Contains("SignalWire:ProjectId and SignalWire:ApiToken", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("""{"errors":[{"type":"validation_error","code":"invalid_parameter","message":"To is not a valid phone number","attribute":"to","url":"https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter"}]}""", "invalid_parameter", "To is not a valid phone number", "to")]
    [InlineData("""{"errors":[{"detail":"Token length must be between 4 and 20","status":"422","title":"Invalid Attribute","code":"422"}]}""", "422", "Token length must be between 4 and 20", null)]
    [InlineData("""{"type":"validation_error","code":"invalid_parameter","message":"Message is too long","attribute":"message","url":"https://developer.signalwire.com"}""", "invalid_parameter", "Message is too long", "message")]
    [InlineData("""{"errors":[{"code":1234,"message":"numeric code","attribute":"from"}]}""", "1234", "numeric code", "from")]
    public async Task Every_documented_422_body_is_read(string body, string code, string text, string? attribute)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity, body);

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Equal(SignalWireMfaErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(attribute, error.Attribute);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_SignalWire_echoes_in_an_error_is_masked()
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity,
            """{"errors":[{"code":"invalid_parameter","message":"+12015550123 is not reachable","attribute":"to"}]}""");

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.DoesNotContain("2015550123", error.Message, StringComparison.Ordinal);
        Assert.Contains("+*********23 is not reachable", error.Message, StringComparison.Ordinal);
    }

    // Regression: the number masking ran before the code was withheld, so "Token 123456 is not valid" became
    // "Token ****56 is not valid": the last digits of the code reached the exception and the log.
    [Theory]
    [InlineData("4821", """{"errors":[{"code":"invalid_parameter","message":"Token {code} is not valid","attribute":"token"}]}""")]
    [InlineData("123456", """{"errors":[{"code":"invalid_parameter","message":"Token {code} is not valid","attribute":"token"}]}""")]
    [InlineData("90817263", """{"error":"Token {code} is not valid"}""")]
    [InlineData("AB12CD", """{"message":"token \"{code}\" was rejected","attribute":"token"}""")]
    [InlineData("AB12CD", """{"errors":[{"detail":"The token '{lower}' does not match","title":"Invalid Attribute","code":"422"}]}""")]
    [InlineData("55667788", """{"errors":[{"message":"{code}"},{"message":"code: {code} (+1 201 555 0123)"}]}""")]
    public async Task A_code_SignalWire_echoes_is_withheld_whole_before_numbers_are_masked(string code, string body)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity,
            body.Replace("{code}", code, StringComparison.Ordinal).Replace("{lower}", code.ToLowerInvariant(), StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", code));

        var written = new[] { error.Message, error.ErrorCode, error.Attribute }
            .Concat(LibraryLogLines(context))
            .OfType<string>()
            .ToList();
        Assert.Contains("(code withheld)", error.Message, StringComparison.Ordinal);
        Assert.All(written, text => AssertNoPartOf(code, text));
    }

    [Theory]
    [InlineData("""{"message":"token \"AB12CD\" could not be delivered"}""", "AB12CD")]
    [InlineData("""{"errors":[{"message":"code=123456 was already sent","attribute":"to"}]}""", "123456")]
    [InlineData("""{"error":"Token '90817263' expired"}""", "90817263")]
    public async Task A_token_looking_value_in_a_send_error_is_withheld(string body, string token)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.UnprocessableEntity, body);

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Contains("(code withheld)", error.Message, StringComparison.Ordinal);
        Assert.All(LibraryLogLines(context).Append(error.Message), text => AssertNoPartOf(token, text));
    }

    [Fact]
    public void A_word_after_token_that_holds_no_digit_is_kept()
    {
        var error = SignalWireErrorBody.Parse("""{"message":"token expired for +12015550123"}"""u8.ToArray());

        Assert.Equal("token expired for +*********23", error.Message);
    }

    // The library's own lines: HttpClient's carry timings, whose digits could match a code's last two by chance.
    private static IEnumerable<string> LibraryLogLines(ClientTestContext context) =>
        context.Logs.GetSnapshot().Where(record => record.Category?.StartsWith("Identity.SignalWire", StringComparison.Ordinal) == true).Select(record => record.Message);

    // "Not even partly": neither the code nor its last two characters (what number masking leaves) may appear.
    private static void AssertNoPartOf(string code, string text)
    {
        Assert.DoesNotContain(code, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code[^2..], text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("**" + code[^2..], text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData(null, null)]
    public async Task Rate_limiting_carries_Retry_After_when_SignalWire_sends_it(string? retryAfter, int? seconds)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.TooManyRequests, "{}", response =>
        {
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }
        });

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Equal(SignalWireMfaErrorKind.RateLimited, error.Kind);
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), error.RetryAfter);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task A_Retry_After_date_becomes_a_wait()
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.TooManyRequests, "{}", response =>
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2)));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("""{"success":true}""")]
    [InlineData("""{"id":"","success":true}""")]
    [InlineData("""{"id":"abc","success":false}""")]
    [InlineData("[1,2]")]
    public async Task An_unusable_success_body_when_sending_is_the_service_being_unavailable(string body)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{}")]
    [InlineData("""{"success":"yes"}""")]
    public async Task An_unusable_verify_body_is_the_service_being_unavailable_never_false(string body)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_the_service_being_unavailable()
    {
        using var context = new ClientTestContext(options => options.Timeout = TimeSpan.FromMilliseconds(200));
        context.Handler.Overrides.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return FakeSignalWireHandler.Json(HttpStatusCode.OK, "{}");
        });

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.Contains("within 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var context = new ClientTestContext();
        using var cancel = new CancellationTokenSource();
        context.Handler.Overrides.Enqueue(async (_, _) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancel.Token);
            return FakeSignalWireHandler.Json(HttpStatusCode.OK, "{}");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.Client.VerifyAsync("req-1", "123456", cancel.Token));
    }

    [Fact]
    public async Task A_network_failure_is_the_service_being_unavailable()
    {
        using var context = new ClientTestContext();
        context.Handler.Overrides.Enqueue((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var error = await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));

        Assert.Equal(SignalWireMfaErrorKind.ServiceUnavailable, error.Kind);
        Assert.Contains("ConnectionError", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_failed_POST_is_never_retried(HttpStatusCode status)
    {
        using var context = new ClientTestContext();
        context.Handler.AnswerNext(status, "{}");
        context.Handler.AnswerNext(status, "{}");

        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, ToAda));
        await Assert.ThrowsAsync<SignalWireMfaException>(() => context.Client.VerifyAsync("req-1", "123456"));

        Assert.Equal(2, context.Handler.Requests.Count);
    }

    [Theory]
    [InlineData("2015550123")]
    [InlineData("")]
    [InlineData("+1 201 555 0123")]
    public async Task A_destination_that_is_not_E164_is_refused_before_any_call(string to)
    {
        using var context = new ClientTestContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => context.Client.RequestCodeAsync(SignalWireMfaChannel.Sms, new SignalWireMfaCodeRequest { To = to }));

        Assert.Equal("request", error.ParamName);
        Assert.Empty(context.Handler.Requests);
    }

    [Fact]
    public void The_constructor_checks_its_arguments_by_name()
    {
        var endpoint = new SignalWireEndpoint(new SignalWireMfaOptions { SpaceName = "example" });
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<SignalWireMfaClient>.Instance;
        var telemetry = new SignalWireTelemetry(null);
        var outcomes = new SignalWireCallOutcomes();
        using var http = new HttpClient();

        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaClient(null!, endpoint, logger, telemetry, outcomes)).ParamName);
        Assert.Equal("endpoint", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaClient(http, null!, logger, telemetry, outcomes)).ParamName);
        Assert.Equal("logger", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaClient(http, endpoint, null!, telemetry, outcomes)).ParamName);
        Assert.Equal("telemetry", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaClient(http, endpoint, logger, null!, outcomes)).ParamName);
        Assert.Equal("callOutcomes", Assert.Throws<ArgumentNullException>(() => new SignalWireMfaClient(http, endpoint, logger, telemetry, null!)).ParamName);
    }
}
