using System.Diagnostics;
using System.Text;

namespace Identity.SignalWire.PackageTests;

/// <summary>Runs the dotnet CLI (or a shell running it) as a user would, and keeps what it printed for the failure message.</summary>
internal static class DotNetCli
{
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, timeout, arguments);

    /// <summary>Runs <paramref name="program"/> with the same clean environment, for example <c>bash</c> running README lines.</summary>
    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(program, workingDirectory, arguments)) ?? throw new InvalidOperationException(program + " could not be started.");
        var output = new StringBuilder();
        var reading = Task.WhenAll(
            Pump(process.StandardOutput, output),
            Pump(process.StandardError, output));
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} took longer than {timeout}:\n{output}");
        }

        await reading;
        return (process.ExitCode, output.ToString());
    }

    /// <summary>What a user's shell would start: output redirected, and none of the test host's MSBuild settings.</summary>
    public static ProcessStartInfo StartInfo(string program, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into a user's fresh build.
        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    public static async Task Pump(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
