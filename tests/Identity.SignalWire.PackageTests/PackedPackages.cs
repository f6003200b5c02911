namespace Identity.SignalWire.PackageTests;

/// <summary>
/// Packs every project under src/ once, with a version of its own, into a temporary folder — as
/// <c>dotnet pack -c Release</c> makes them for nuget.org — and removes them, and their copies in the NuGet
/// packages folder, afterwards.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Folder { get; } = Directory.CreateTempSubdirectory("identity-signalwire-packages-").FullName;

    // A version no earlier run used, so that no cached copy of the packages can stand in for the new ones.
    public string Version { get; } = $"0.1.0-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public IReadOnlyList<string> Projects => Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories);

    /// <summary>
    /// Writes a nuget.config into <paramref name="folder"/> that puts the packed folder first; everything else
    /// (Microsoft packages) comes from the sources this machine already uses.
    /// </summary>
    public Task WriteNuGetConfigAsync(string folder) =>
        File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{Folder}" />
              </packageSources>
            </configuration>
            """);

    public async Task InitializeAsync()
    {
        foreach (var project in Projects)
        {
            var (exitCode, output) = await DotNetCli.RunAsync(
                RepositoryRoot, TimeSpan.FromMinutes(5), "pack", project, "-c", "Release", "-o", Folder, $"-p:Version={Version}");
            Assert.True(exitCode == 0, $"dotnet pack {Path.GetFileName(project)} failed:\n{output}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        var packagesFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var project in Projects)
        {
            var copy = Path.Combine(packagesFolder, Path.GetFileNameWithoutExtension(project).ToLowerInvariant(), Version);
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }

        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Identity.SignalWire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Identity.SignalWire.sln was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
