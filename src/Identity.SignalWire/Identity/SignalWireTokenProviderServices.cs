namespace Identity.SignalWire;

/// <summary>
/// What the SMS and call token providers share: the pending codes, the send budgets and the telemetry. Registered
/// by <c>AddSignalWireTokenProviders</c>; applications do not create it.
/// </summary>
public sealed class SignalWireTokenProviderServices
{
    internal SignalWireTokenProviderServices(PendingCodeStore pendingCodes, SendBudget sendBudget, SignalWireTelemetry telemetry)
    {
        PendingCodes = pendingCodes;
        SendBudget = sendBudget;
        Telemetry = telemetry;
    }

    internal PendingCodeStore PendingCodes { get; }

    internal SendBudget SendBudget { get; }

    internal SignalWireTelemetry Telemetry { get; }
}
