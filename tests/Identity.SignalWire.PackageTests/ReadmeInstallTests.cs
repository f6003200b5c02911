using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Identity.SignalWire.PackageTests;

/// <summary>
/// The README's Install and Register steps, run as written on a fresh <c>dotnet new webapp --auth Individual</c> site
/// (issue 23, item 1): the commands are read from the README, so that they cannot drift from what is tested.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class ReadmeInstallTests(PackedPackages packages) : IDisposable
{
    private const string Readme = "README.md";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("identity-signalwire-readme-");

    [Fact]
    public async Task Install_steps_from_the_README_work_on_a_fresh_template()
    {
        var repository = packages.RepositoryRoot;
        var site = Path.Combine(_root.FullName, "MySite");
        // The README packs the repository's own version, so an older copy in the NuGet cache would stand in for it.
        RemoveFromPackagesFolder(RepositoryVersion());

        // Where the README's `git clone` puts the repository: a copy of this one's files (not a link, whose second path
        // to the same obj/ folders would make MSBuild clean away outputs it built under the first).
        CopyClone(repository, Path.Combine(_root.FullName, "Identity.SignalWire"));
        await RunAsync(_root.FullName, "dotnet", "new", "webapp", "--auth", "Individual", "-o", "MySite");
        var templateProgram = await File.ReadAllTextAsync(Path.Combine(site, "Program.cs"));

        // Install: the README's commands, every line but the clone, in one shell that stops at the first failure.
        var install = Markdown.Under(repository, Readme, "Install", "bash").Text.Split('\n');
        Assert.Contains(install, line => line.StartsWith("git clone https://github.com/identity-signalwire/Identity.SignalWire.git", StringComparison.Ordinal));
        var script = Path.Combine(_root.FullName, "install.sh");
        await File.WriteAllLinesAsync(script, ["set -euo pipefail", .. install.Where(line => !line.StartsWith("git clone ", StringComparison.Ordinal))]);
        await RunAsync(_root.FullName, "bash", script);

        // The Release-only condition, as the README's csproj line shows it, with the version the commands installed.
        var conditional = Markdown.Under(repository, Readme, "Install", "xml").Text.Trim();
        var project = Path.Combine(site, "MySite.csproj");
        var csproj = await File.ReadAllTextAsync(project);
        var added = EmulatorReference().Match(csproj);
        Assert.True(added.Success, csproj);
        Assert.Equal(added.Value.Trim(), conditional.Replace(" Condition=\"'$(Configuration)' == 'Debug'\"", string.Empty, StringComparison.Ordinal));
        await File.WriteAllTextAsync(project, csproj.Replace(added.Value.Trim(), conditional, StringComparison.Ordinal));

        // Register: Program.cs as the README shows it, plus the test's probe (the stock pages have no SMS step).
        var program = TemplateEdit.Apply(templateProgram, Markdown.Under(repository, Readme, "Register", "csharp").Text);
        Assert.Contains("\napp.Run();\n", program, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(site, "Program.cs"), program.Replace("\napp.Run();\n", "\napp.MapSignalWireProbe();\napp.Run();\n", StringComparison.Ordinal));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ReadmeSite", "SignalWireProbe.cs"), Path.Combine(site, "SignalWireProbe.cs"));

        // `dotnet run` (Debug, the template's Development profile): a code goes to the emulator and back.
        await using (var running = await RunningSite.StartAsync(site))
        {
            Assert.Contains("codes go to the SignalWire MFA emulator", running.Output, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = running.Address };
            using var sent = await http.PostAsync(new Uri("/signalwire-probe/send", UriKind.Relative), null);
            Assert.Equal("sent", await sent.Content.ReadAsStringAsync());
            var phone = await http.GetStringAsync(new Uri("/dev/phone", UriKind.Relative));
            var code = PhoneCode().Match(phone);
            Assert.True(code.Success, phone);
            Assert.Contains(SignalWireProbeNumber, phone, StringComparison.Ordinal);
            using var verified = await http.PostAsync(new Uri("/signalwire-probe/verify?code=" + code.Groups["code"].Value, UriKind.Relative), null);
            Assert.Equal("true", await verified.Content.ReadAsStringAsync());
        }

        // Release: the emulator is neither restored nor shipped, and with nothing configured the site refuses to start.
        var published = Path.Combine(_root.FullName, "published");
        await RunAsync(site, "dotnet", "publish", "-c", "Release", "-o", published);
        Assert.True(File.Exists(Path.Combine(published, "Identity.SignalWire.dll")));
        Assert.False(File.Exists(Path.Combine(published, "Identity.SignalWire.Emulator.dll")));
        var (exitCode, output) = await DotNetCli.RunAsync(
            published, TimeSpan.FromMinutes(2), Path.Combine(published, "MySite.dll"), "--environment", "Production", "--urls", "http://127.0.0.1:0");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("SignalWire:ProjectId is missing", output, StringComparison.Ordinal);
        Assert.Contains("set SignalWire:SingleInstance to true", output, StringComparison.Ordinal);
    }

    private const string SignalWireProbeNumber = "+12015550123";

    public void Dispose()
    {
        _root.Delete(recursive: true);
        RemoveFromPackagesFolder(RepositoryVersion());
    }

    private string RepositoryVersion() =>
        XDocument.Load(Path.Combine(packages.RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static async Task RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var (exitCode, output) = await DotNetCli.RunProgramAsync(program, workingDirectory, TimeSpan.FromMinutes(8), arguments);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} failed:\n{output}");
    }

    // What a clone holds that packing reads: the files at the root and src/, without build output.
    private static void CopyClone(string repository, string clone)
    {
        Directory.CreateDirectory(clone);
        foreach (var file in Directory.GetFiles(repository))
        {
            File.Copy(file, Path.Combine(clone, Path.GetFileName(file)));
        }

        var source = Path.Combine(repository, "src");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("bin") || parts.Contains("obj")))
            {
                continue;
            }

            var target = Path.Combine(clone, "src", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void RemoveFromPackagesFolder(string version)
    {
        var packagesFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "identity.signalwire", "identity.signalwire.emulator" })
        {
            var copy = Path.Combine(packagesFolder, id, version);
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    [GeneratedRegex("""<PackageReference Include="Identity\.SignalWire\.Emulator" Version="[^"]+" />""")]
    private static partial Regex EmulatorReference();

    [GeneratedRegex("<code>(?<code>[0-9]+)</code>")]
    private static partial Regex PhoneCode();

    /// <summary><c>dotnet run</c> in the site's folder, until the test ends; its address is read from what it prints.</summary>
    private sealed partial class RunningSite : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output;

        private RunningSite(Process process, StringBuilder output, Uri address)
        {
            _process = process;
            _output = output;
            Address = address;
        }

        public Uri Address { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<RunningSite> StartAsync(string folder)
        {
            var process = Process.Start(DotNetCli.StartInfo("dotnet", folder, ["run", "--", "--urls", "http://127.0.0.1:0"]))
                ?? throw new InvalidOperationException("dotnet run could not be started.");
            var output = new StringBuilder();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = Task.WhenAll(Read(process.StandardOutput), Read(process.StandardError))
                .ContinueWith(_ => listening.TrySetException(new InvalidOperationException("The site stopped:\n" + output)), TaskScheduler.Default);
            try
            {
                return new RunningSite(process, output, await listening.Task.WaitAsync(TimeSpan.FromMinutes(8)));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }

            async Task Read(StreamReader reader)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }

                    if (Listening().Match(line) is { Success: true } match)
                    {
                        listening.TrySetResult(new Uri(match.Groups["address"].Value));
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:[0-9]+)")]
        private static partial Regex Listening();
    }
}
