namespace Identity.SignalWire.Emulator;

/// <summary>Body of <c>POST /emulator/faults</c>, for tests that drive the emulator from another process.</summary>
internal sealed class FaultRequest
{
    /// <summary><c>status</c>, <c>delay</c>, <c>drop</c>, <c>unreadable_body</c>, <c>html_not_found</c> or <c>unknown_charset</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>The HTTP status for <c>status</c>: 400–599.</summary>
    public int? Status { get; set; }

    /// <summary>Seconds for a <c>Retry-After</c> header with <c>status</c>.</summary>
    public int? RetryAfter { get; set; }

    /// <summary>Milliseconds to wait for <c>delay</c>.</summary>
    public int? DelayMs { get; set; }

    /// <summary>How many requests the fault affects; 1 when left out.</summary>
    public int? Count { get; set; }
}

/// <summary>Answer of the fault routes.</summary>
internal sealed record FaultsResponse(int Pending);

/// <summary>Answer of a control route that refuses its input.</summary>
internal sealed record ControlError(string Error);
