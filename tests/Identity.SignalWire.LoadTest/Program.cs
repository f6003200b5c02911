using System.Globalization;
using System.Runtime;
using Identity.SignalWire.LoadTest;
using Identity.SignalWire.Testing;

// dotnet run -c Release --project tests/Identity.SignalWire.LoadTest -- --users 1000 --latency-ms 50
// Exits with 1 when a sign-in failed, 2 on a bad command line.
LoadTestOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h"))
    {
        Console.WriteLine(LoadTestOptions.Usage);
        return 0;
    }

    options = LoadTestOptions.Parse(args);
}
catch (FormatException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

var report = new LoadTestReport(options, Console.Out);
report.PrintHeader(
    Environment.ProcessorCount,
    Environment.Version.ToString(),
    GCSettings.IsServerGC ? "server" : "workstation",
    LoadTestRunner.LoadAverage());

var redis = options.UseRedis ? await RedisServer.StartAsync() : null;
var phases = new List<PhaseResult>();
try
{
    var runner = new LoadTestRunner(options, redis);
    phases.AddRange(await runner.RunBurstAsync());
    if (options.Sequential > 0)
    {
        phases.Add(await runner.RunSequenceAsync());
    }
}
finally
{
    if (redis is not null)
    {
        await redis.DisposeAsync();
    }
}

report.PrintPhases(phases);
var failures = phases.Sum(phase => phase.FailureCount);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failures: {failures}"));
return failures > 0 ? 1 : 0;
