using BenchmarkDotNet.Running;
using Identity.SignalWire.Benchmarks;

// dotnet run -c Release --project tests/Identity.SignalWire.Benchmarks -- --filter '*'
var summaries = BenchmarkSwitcher.FromAssembly(typeof(TwoFactorTokenBenchmarks).Assembly).Run(args);
TargetCheck.Print(summaries, Console.Out);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
