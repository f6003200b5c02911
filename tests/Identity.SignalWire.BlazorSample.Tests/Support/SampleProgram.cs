using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Identity.SignalWire.BlazorSample.Tests.Support;

/// <summary>
/// Runs the sample's real Program.cs, in the template's shape, in this process: its entry point on a thread of its
/// own, with <paramref name="configureServices"/> added to its services as its host is built, as
/// <c>WebApplicationFactory</c> does. The Program reads its command-line arguments when it makes its builder, before
/// anything a factory could change, so the test's settings are passed as arguments, not as a factory's settings.
/// </summary>
internal sealed class SampleProgram : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<IServiceCollection> _configureServices;
    private readonly Thread _thread;
    private IDisposable? _subscription;

    private SampleProgram(string[] args, Action<IServiceCollection> configureServices)
    {
        _configureServices = configureServices;
        var entryPoint = typeof(Identity.SignalWire.BlazorSample.Data.ApplicationDbContext).Assembly.EntryPoint
            ?? throw new InvalidOperationException("The sample has no entry point.");
        _thread = new Thread(() => Run(entryPoint, args)) { IsBackground = true, Name = "Blazor sample Program" };
    }

    /// <summary>Gets the sample's host, once built.</summary>
    public IHost Host => _built.Task.Result;

    /// <summary>Starts the Program and waits until its server listens.</summary>
    public static async Task<SampleProgram> StartAsync(string[] args, Action<IServiceCollection> configureServices)
    {
        var program = new SampleProgram(args, configureServices);
        program._subscription = DiagnosticListener.AllListeners.Subscribe(program);
        program._thread.Start();
        var host = await program._built.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            // The Program may still fail after its host is built (the database, the pipeline): say why, not "timed out".
            await (await Task.WhenAny(started.Task, program._ended.Task)).WaitAsync(TimeSpan.FromMinutes(2));
            if (!started.Task.IsCompleted)
            {
                throw new InvalidOperationException("The sample's Program ended before it started.");
            }
        }

        return program;
    }

    /// <summary>Stops the Program (its <c>app.Run()</c> returns and disposes the application) and waits for it to end.</summary>
    public void Stop()
    {
        Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        _thread.Join(TimeSpan.FromMinutes(1));
        _subscription?.Dispose();
    }

    private void Run(System.Reflection.MethodInfo entryPoint, string[] args)
    {
        try
        {
            entryPoint.Invoke(null, [args]);
            _built.TrySetException(new InvalidOperationException("The sample's Program ended before its host was built."));
            _ended.TrySetResult();
        }
        catch (System.Reflection.TargetInvocationException exception)
        {
            _built.TrySetException(exception.InnerException ?? exception);
            _ended.TrySetException(exception.InnerException ?? exception);
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            value.Subscribe(this);
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // Hosting's events come on the thread that builds the host: only this Program's own count.
        if (Thread.CurrentThread != _thread)
        {
            return;
        }

        if (value is { Key: "HostBuilding", Value: IHostBuilder builder })
        {
            builder.ConfigureServices((_, services) => _configureServices(services));
        }
        else if (value is { Key: "HostBuilt", Value: IHost host })
        {
            _built.TrySetResult(host);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
