using System.Collections.Concurrent;

namespace Identity.SignalWire.IntegrationTests.Infrastructure;

/// <summary>
/// What one application instance asked SignalWire, seen from inside its HTTP client (the
/// <see cref="SignalWireDefaults.HttpClientName"/> client, extended the way the library documents). It can also hold
/// verify calls until several have arrived, so that a test makes them reach SignalWire truly at the same time.
/// </summary>
internal sealed class SignalWireTraffic
{
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource? _verifyBarrier;
    private int _verifiesToHold;

    /// <summary>Gets the number of send requests (<c>/mfa/sms</c>, <c>/mfa/call</c>) made.</summary>
    public int Sends => _paths.Count(path => path.EndsWith("/mfa/sms", StringComparison.Ordinal) || path.EndsWith("/mfa/call", StringComparison.Ordinal));

    /// <summary>Gets the number of verify requests made.</summary>
    public int Verifies => _paths.Count(path => path.EndsWith("/verify", StringComparison.Ordinal));

    /// <summary>
    /// Runs with each request's path once SignalWire (the emulator) has answered it and before the answer reaches the
    /// library: a test delays or holds answers with it, to play a SignalWire that answers slowly.
    /// </summary>
    public Func<string, Task>? AfterAnswered { get; set; }

    /// <summary>Holds the next <paramref name="count"/> verify calls until all of them have arrived.</summary>
    public void HoldVerifiesUntil(int count)
    {
        lock (_gate)
        {
            _verifiesToHold = count;
            _verifyBarrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public DelegatingHandler CreateHandler() => new RecordingHandler(this);

    private async Task OnRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        _paths.Enqueue(path);
        if (!path.EndsWith("/verify", StringComparison.Ordinal))
        {
            return;
        }

        Task barrier;
        lock (_gate)
        {
            if (_verifyBarrier is null)
            {
                return;
            }

            barrier = _verifyBarrier.Task;
            if (--_verifiesToHold == 0)
            {
                _verifyBarrier.SetResult();
                _verifyBarrier = null;
            }
        }

        try
        {
            await barrier.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (TimeoutException)
        {
            // Bounded, so that a library that stops making the second call (say, a lock in front of SignalWire)
            // fails the test's assertions about outcomes rather than hanging it.
        }
    }

    private sealed class RecordingHandler(SignalWireTraffic traffic) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await traffic.OnRequestAsync(request, cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (traffic.AfterAnswered is { } wait)
            {
                await wait(request.RequestUri!.AbsolutePath);
            }

            return response;
        }
    }
}
