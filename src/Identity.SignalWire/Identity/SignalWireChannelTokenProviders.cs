using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Identity.SignalWire;

// Identity resolves a provider by its type, so each channel needs a type of its own to be registered under its name.

/// <summary>The SignalWire token provider that sends codes by SMS, registered as <see cref="SignalWireDefaults.SmsProviderName"/>.</summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <param name="client">The SignalWire MFA client.</param>
/// <param name="services">The pending codes, send budgets and telemetry the providers share.</param>
/// <param name="options">The SignalWire settings.</param>
/// <param name="logger">Where to log.</param>
public sealed class SignalWireSmsTokenProvider<TUser>(
    ISignalWireMfaClient client,
    SignalWireTokenProviderServices services,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Sms, client, services, options, logger)
    where TUser : class;

/// <summary>The SignalWire token provider that sends codes by voice call, registered as <see cref="SignalWireDefaults.CallProviderName"/>.</summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
/// <param name="client">The SignalWire MFA client.</param>
/// <param name="services">The pending codes, send budgets and telemetry the providers share.</param>
/// <param name="options">The SignalWire settings.</param>
/// <param name="logger">Where to log.</param>
public sealed class SignalWireCallTokenProvider<TUser>(
    ISignalWireMfaClient client,
    SignalWireTokenProviderServices services,
    IOptions<SignalWireMfaOptions> options,
    ILogger<SignalWireTokenProvider<TUser>> logger)
    : SignalWireTokenProvider<TUser>(SignalWireMfaChannel.Call, client, services, options, logger)
    where TUser : class;
