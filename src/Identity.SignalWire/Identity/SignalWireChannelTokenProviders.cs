using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

// Identity resolves a provider by its type, so each channel needs a type of its own to be registered under its name.
// The constructors are public only for dependency injection: the classes themselves are internal.

/// <summary>The provider that sends codes by SMS, registered as <see cref="SignalWireDefaults.SmsProviderName"/>.</summary>
internal sealed class SignalWireSmsTokenProvider<TUser>(
    IServiceProvider services,
    PendingCodeStore pendingCodes,
    KeyedHasher hasher,
    SendBudget sendBudget,
    PumpingGuard guard,
    SignalWireTelemetry telemetry,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger,
    ISignalWireCultureSelector<TUser>? cultureSelector = null)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Sms, services, pendingCodes, hasher, sendBudget, guard, telemetry, time, options, logger, cultureSelector)
    where TUser : class;

/// <summary>The provider that sends codes by voice call, registered as <see cref="SignalWireDefaults.CallProviderName"/>.</summary>
internal sealed class SignalWireCallTokenProvider<TUser>(
    IServiceProvider services,
    PendingCodeStore pendingCodes,
    KeyedHasher hasher,
    SendBudget sendBudget,
    PumpingGuard guard,
    SignalWireTelemetry telemetry,
    TimeProvider time,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger,
    ISignalWireCultureSelector<TUser>? cultureSelector = null)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Call, services, pendingCodes, hasher, sendBudget, guard, telemetry, time, options, logger, cultureSelector)
    where TUser : class;
