using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Identity.SignalWire.Benchmarks;

/// <summary>
/// Prints the issue's targets for each call. Against the built-in provider: the library's overhead over the floor
/// (ours − floor), in time and in allocated bytes, must be no more than the built-in provider's whole cost. Against the
/// peer (a Twilio Verify provider): time at most 1.5× the peer's, allocated bytes at most half.
/// </summary>
internal static class TargetCheck
{
    private const double PeerTimeTarget = 1.5;
    private const double PeerBytesTarget = 0.5;

    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var all = summaries.SelectMany(summary => summary.Reports).Where(report => report.Success).ToList();
        PrintAgainstBuiltIn(all.Where(report => report.BenchmarkCase.Descriptor.Type == typeof(TwoFactorTokenBenchmarks)).ToList(), output);
        PrintAgainstPeer(all.Where(report => report.BenchmarkCase.Descriptor.Type == typeof(PeerBenchmarks)).ToList(), output);
    }

    private static void PrintAgainstPeer(List<BenchmarkReport> reports, TextWriter output)
    {
        if (reports.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| call | floor | SignalWire | Twilio SDK peer | SignalWire ÷ peer | target | met |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var category in new[] { TwoFactorTokenBenchmarks.SendCategory, TwoFactorTokenBenchmarks.VerifyCategory })
        {
            var floor = Find(reports, category, "Floor_");
            var ours = Find(reports, category, "SignalWire_");
            var peer = Find(reports, category, "Twilio_");
            if (floor is null || ours is null || peer is null)
            {
                continue;
            }

            PeerRow(output, category + " time", Nanoseconds(floor), Nanoseconds(ours), Nanoseconds(peer), PeerTimeTarget, FormatTime);
            PeerRow(output, category + " allocated", Bytes(floor), Bytes(ours), Bytes(peer), PeerBytesTarget, FormatBytes);
        }
    }

    private static void PeerRow(TextWriter output, string name, double floor, double ours, double peer, double target, Func<double, string> format)
    {
        var ratio = ours / peer;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {format(floor)} | {format(ours)} | {format(peer)} | {ratio:0.00} | ≤ {target:0.0} | {(ratio <= target ? "yes" : "NO")} |"));
    }

    private static void PrintAgainstBuiltIn(List<BenchmarkReport> reports, TextWriter output)
    {
        if (reports.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| call | floor | SignalWire | overhead (SignalWire − floor) | built-in | overhead ÷ built-in | target met |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var category in new[] { TwoFactorTokenBenchmarks.SendCategory, TwoFactorTokenBenchmarks.VerifyCategory })
        {
            var floor = Find(reports, category, "Floor_");
            var ours = Find(reports, category, "SignalWire_");
            var builtIn = Find(reports, category, "BuiltIn_");
            if (floor is null || ours is null || builtIn is null)
            {
                continue;
            }

            Row(output, category + " time", Nanoseconds(floor), Nanoseconds(ours), Nanoseconds(builtIn), FormatTime);
            Row(output, category + " allocated", Bytes(floor), Bytes(ours), Bytes(builtIn), FormatBytes);
        }
    }

    private static void Row(TextWriter output, string name, double floor, double ours, double builtIn, Func<double, string> format)
    {
        var overhead = ours - floor;
        var ratio = builtIn > 0 ? overhead / builtIn : double.PositiveInfinity;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {format(floor)} | {format(ours)} | {format(overhead)} | {format(builtIn)} | {ratio:0.00} | {(overhead <= builtIn ? "yes" : "NO")} |"));
    }

    private static BenchmarkReport? Find(List<BenchmarkReport> reports, string category, string methodPrefix) =>
        reports.FirstOrDefault(report =>
            report.BenchmarkCase.Descriptor.Categories.Contains(category) &&
            report.BenchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith(methodPrefix, StringComparison.Ordinal));

    private static double Nanoseconds(BenchmarkReport report) => report.ResultStatistics?.Mean ?? double.NaN;

    private static double Bytes(BenchmarkReport report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? double.NaN;

    private static string FormatTime(double nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1000:0.00} µs");

    private static string FormatBytes(double bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B");
}
