namespace Identity.SignalWire.Emulator;

/// <summary>The ways an <c>/api</c> request can be made to fail.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answer an HTTP error status (500, 503, 429…) instead of handling the request.</summary>
    Status,

    /// <summary>Wait before handling the request, which is then answered normally.</summary>
    Delay,

    /// <summary>Drop the connection without an answer.</summary>
    Drop,

    /// <summary>Answer 200 with a JSON body cut short, which no client can read.</summary>
    UnreadableBody,

    /// <summary>
    /// Answer 404 with an HTML page, as a proxy, a gateway or a CDN does when a route is missing: not SignalWire's
    /// "code expired or used up".
    /// </summary>
    HtmlNotFound,

    /// <summary>Answer 200 with a JSON body whose <c>Content-Type</c> names a charset no client knows.</summary>
    UnknownCharset,
}
