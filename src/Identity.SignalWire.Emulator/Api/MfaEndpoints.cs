using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Identity.SignalWire.Emulator;

/// <summary>The three SignalWire MFA operations: send by SMS, send by call, verify.</summary>
internal sealed class MfaEndpoints(SignalWireMfaEmulatorState state, ILogger logger)
{
    public async Task<IResult> SendAsync(HttpContext context, MfaChannel channel)
    {
        var (request, bodyError) = await WireJson.ReadAsync<SendMfaRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return Reject(context, [bodyError!]);
        }

        var errors = SendMfaRequestValidation.ValidateFields(request);
        if (errors.Count > 0)
        {
            // The message rule needs a valid token length, so it waits until the other fields are right.
            return Reject(context, errors);
        }

        var to = request.To!;
        var code = state.TestNumbers.TryGetValue(to, out var fixedCode)
            ? fixedCode
            : CodeGenerator.Generate(
                request.TokenLength ?? SendMfaRequestValidation.DefaultTokenLength,
                request.AllowAlphas ?? false);
        var text = channel == MfaChannel.Sms
            ? PhoneText.ForSms(request.Message, code)
            : PhoneText.ForCall(request.Message, code);
        if (SendMfaRequestValidation.ValidateMessage(channel, request.Message, text) is { } messageError)
        {
            return Reject(context, [messageError]);
        }

        var id = state.Requests.Add(
            code,
            TimeSpan.FromSeconds(request.ValidFor ?? SendMfaRequestValidation.DefaultValidForSeconds),
            request.MaxAttempts ?? SendMfaRequestValidation.DefaultMaxAttempts);
        state.Outbox.Add(new OutboxMessage(id.ToString(), channel, to, request.From, text, code, state.TimeProvider.GetUtcNow()));
        logger.CodeSent(id, channel);

        return Results.Json(new SendMfaResponse(id.ToString(), true, to, ChannelName(channel)), WireJson.Options);
    }

    public async Task<IResult> VerifyAsync(HttpContext context)
    {
        var (request, bodyError) = await WireJson.ReadAsync<VerifyMfaRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            return Reject(context, [bodyError!]);
        }

        if (string.IsNullOrEmpty(request.Token))
        {
            return Reject(context, [SignalWireErrors.InvalidParameter("token", "token is required.")]);
        }

        // An ID that is not a UUID cannot be one SignalWire issued: it is unknown, hence 404.
        var outcome = Guid.TryParse(context.GetRouteValue("id") as string, out var requestId)
            ? state.Requests.Verify(requestId, request.Token)
            : VerifyOutcome.NotFound;
        logger.CodeVerified(requestId, outcome);

        return outcome == VerifyOutcome.NotFound
            ? SignalWireErrors.NotFound()
            : Results.Json(new VerifyMfaResponse(outcome == VerifyOutcome.Right), WireJson.Options);
    }

    public static string ChannelName(MfaChannel channel) => channel == MfaChannel.Sms ? "sms" : "call";

    private IResult Reject(HttpContext context, IReadOnlyList<SignalWireError> errors)
    {
        logger.RequestRejected(context.Request.Path, StatusCodes.Status422UnprocessableEntity);
        return SignalWireErrors.Validation(errors);
    }
}
