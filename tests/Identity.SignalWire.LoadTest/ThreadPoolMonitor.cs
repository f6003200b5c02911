using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Identity.SignalWire.LoadTest;

/// <summary>
/// Watches the thread pool during a run, from a thread of its own so that it keeps watching when the pool is busy:
/// the most threads and the most queued work items it saw, how long a work item waited to start (a probe queued
/// every 5 ms), and how many threads the pool added because it was starved (the runtime's hill-climbing events with
/// reason "Starvation"). Blocking on async code shows up as starvation injections, a growing thread count and
/// probe delays of hundreds of milliseconds.
/// </summary>
internal sealed class ThreadPoolMonitor : IDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(5);

    private readonly Thread _thread;
    private readonly StarvationListener _starvation = new();
    private readonly List<double> _probeDelays = [];
    private readonly Lock _gate = new();
    private volatile bool _stopping;

    public ThreadPoolMonitor()
    {
        StartThreads = ThreadPool.ThreadCount;
        MaxThreads = StartThreads;
        _thread = new Thread(Watch) { IsBackground = true, Name = "thread-pool monitor" };
        _thread.Start();
    }

    public int StartThreads { get; }

    public int MaxThreads { get; private set; }

    public long MaxPendingWorkItems { get; private set; }

    public int StarvationInjections => _starvation.Count;

    public IReadOnlyList<double> ProbeDelaysMilliseconds
    {
        get
        {
            lock (_gate)
            {
                return [.. _probeDelays];
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _starvation.Dispose();
    }

    private void Watch()
    {
        while (!_stopping)
        {
            MaxThreads = Math.Max(MaxThreads, ThreadPool.ThreadCount);
            MaxPendingWorkItems = Math.Max(MaxPendingWorkItems, ThreadPool.PendingWorkItemCount);

            var queued = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(
                state =>
                {
                    var delay = Stopwatch.GetElapsedTime(state).TotalMilliseconds;
                    lock (_gate)
                    {
                        _probeDelays.Add(delay);
                    }
                },
                queued,
                preferLocal: false);
            Thread.Sleep(SampleEvery);
        }
    }

    // The portable thread pool reports each change of its thread count as ThreadPoolWorkerThreadAdjustmentAdjustment,
    // with the reason; 6 is Starvation: work waited while every thread was busy, so a thread was added.
    private sealed class StarvationListener : EventListener
    {
        private const int StarvationReason = 6;
        private const EventKeywords ThreadingKeyword = (EventKeywords)0x10000;
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, ThreadingKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "ThreadPoolWorkerThreadAdjustmentAdjustment" &&
                eventData.PayloadNames?.IndexOf("Reason") is { } index and >= 0 &&
                Convert.ToInt32(eventData.Payload![index], System.Globalization.CultureInfo.InvariantCulture) == StarvationReason)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
